"""PM4Py's figures for one event log, as JSON on stdout (run by run.ts; PYTHONPATH must hold PM4Py's source).

usage: python3 pm4py_figures.py LOG [--csv CASE,ACTIVITY,TIMESTAMP]
The log is read as pm4py.read_xes reads it (a DataFrame); when it has both start and complete
lifecycle values only complete events are kept (sopflow's `auto` rule, and the corpus reference's method).
"""
import json
import math
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import pandas as pd
import pm4py
from pm4py.algo.evaluation.simplicity import algorithm as simplicity_algo


def read(path, csv_columns):
    if csv_columns:
        case, activity, timestamp = csv_columns.split(",")
        df = pd.read_csv(path)
        df[timestamp] = pd.to_datetime(df[timestamp], utc=True)
        return pm4py.format_dataframe(df, case_id=case, activity_key=activity, timestamp_key=timestamp)
    df = pm4py.read_xes(path)
    if "time:timestamp" not in df.columns:
        # PM4Py's DataFrame functions need a date column: without one, use its EventLog object (as the corpus reference did).
        return pm4py.read_xes(path, return_legacy_log_object=True)
    if "lifecycle:transition" in df.columns:
        values = set(str(v).lower() for v in df["lifecycle:transition"].dropna().unique())
        if "start" in values and "complete" in values:
            df = df[df["lifecycle:transition"].str.lower() == "complete"]
    return df


def num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 10)


def evaluate(log, net, im, fm):
    out = {
        "places": len(net.places),
        "transitions": len(net.transitions),
        "silent": sum(1 for t in net.transitions if t.label is None),
    }
    t0 = time.time()
    out["tbr"] = num(pm4py.fitness_token_based_replay(log, net, im, fm)["log_fitness"])
    try:
        out["align"] = num(pm4py.fitness_alignments(log, net, im, fm)["log_fitness"])
    except Exception as e:  # PM4Py refuses nets that are not easy sound
        out["align"] = None
        out["align_error"] = str(e)
    out["precision"] = num(pm4py.precision_token_based_replay(log, net, im, fm))
    out["generalization"] = num(pm4py.generalization_tbr(log, net, im, fm))
    out["simplicity"] = num(simplicity_algo.apply(net))
    out["seconds"] = round(time.time() - t0, 2)
    return out


def main():
    path = sys.argv[1]
    csv_columns = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--csv" else None
    log = read(path, csv_columns)
    dfg, start, end = pm4py.discover_dfg(log)
    perf = pm4py.discover_performance_dfg(log)[0] if isinstance(log, pd.DataFrame) else {}
    variants = pm4py.get_variants(log)
    if isinstance(log, pd.DataFrame):
        cases, events, activities = int(log["case:concept:name"].nunique()), int(len(log)), int(log["concept:name"].nunique())
    else:
        cases, events, activities = len(log), sum(len(t) for t in log), len(set(e["concept:name"] for t in log for e in t))
    out = {
        "pm4py": pm4py.__version__,
        "cases": cases,
        "events": events,
        "activities": activities,
        "variants": len(variants),
        "dfg": {f"{a}\u0000{b}": {"count": int(c), "meanS": num(perf.get((a, b), {}).get("mean")), "medianS": num(perf.get((a, b), {}).get("median"))} for (a, b), c in dfg.items()},
        "start": {k: int(v) for k, v in start.items()},
        "end": {k: int(v) for k, v in end.items()},
        "miners": {},
    }
    miners = {
        "IM": lambda: pm4py.discover_petri_net_inductive(log, noise_threshold=0.0),
        "IMf 0.2": lambda: pm4py.discover_petri_net_inductive(log, noise_threshold=0.2),
        "heuristics": lambda: pm4py.discover_petri_net_heuristics(log),
        "alpha": lambda: pm4py.discover_petri_net_alpha(log),
    }
    for name, discover in miners.items():
        try:
            net, im, fm = discover()
            out["miners"][name] = evaluate(log, net, im, fm)
        except Exception as e:
            out["miners"][name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(out, sys.stdout)


main()
