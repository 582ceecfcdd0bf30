import type { Workflow } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import { executedSteps } from '../records/run-record.js';
import type { RunAlignment } from './align-run-trace.js';
import { alignRunTrace } from './align-run-trace.js';
import type { DeviationKind } from './deviation.js';
import { DEVIATION_KINDS } from './deviation.js';
import type { ConformOptions, RunConformance } from './find-deviations.js';
import { conformRun } from './find-deviations.js';
import { buildPrescribedModel } from './prescribed-model.js';

export interface ConformanceReport {
  workflowId: string;
  runs: RunConformance[];
  /** Mean fitness over the runs whose alignment finished. */
  fitness?: number;
  notFinished: number;
  byKind: Record<DeviationKind, number>;
  /** Deviation pattern → number of runs showing it, most frequent first. */
  patterns: { pattern: string; runs: number }[];
  variants: number;
}

/**
 * Pure; conformance of many runs with one process. Alignments are computed once per variant (the
 * same sequence of executed steps) and reused; data checks (branches, roles, time) run per run.
 */
export function conformRuns(workflow: Workflow, records: readonly RunRecord[], options: ConformOptions = {}): ConformanceReport {
  const model = options.model ?? buildPrescribedModel(workflow);
  const cache = new Map<string, RunAlignment>();
  const cachedAlign: typeof alignRunTrace = (m, trace, o) => {
    const key = trace.join('\u0000');
    let found = cache.get(key);
    if (found === undefined) {
      found = options.aligner?.(trace) ?? alignRunTrace(m, trace, o);
      cache.set(key, found);
    }
    return found;
  };
  const runs = records.map((r) => conformRunWith(workflow, r, { ...options, model }, cachedAlign));
  const byKind = Object.fromEntries(DEVIATION_KINDS.map((k) => [k, 0])) as Record<DeviationKind, number>;
  const patternRuns = new Map<string, Set<string>>();
  for (const run of runs) for (const d of run.deviations) {
    byKind[d.kind] += 1;
    patternRuns.set(d.pattern, (patternRuns.get(d.pattern) ?? new Set()).add(run.runId));
  }
  const finished = runs.filter((r) => r.fitness !== undefined);
  return {
    workflowId: workflow.id,
    runs,
    ...(finished.length > 0 ? { fitness: finished.reduce((t, r) => t + (r.fitness ?? 0), 0) / finished.length } : {}),
    notFinished: runs.length - finished.length,
    byKind,
    patterns: [...patternRuns].map(([pattern, ids]) => ({ pattern, runs: ids.size })).sort((a, b) => b.runs - a.runs || a.pattern.localeCompare(b.pattern)),
    variants: new Set(records.map((r) => executedSteps(r).map((s) => s.nodeId).join('\u0000'))).size,
  };
}

function conformRunWith(workflow: Workflow, record: RunRecord, options: ConformOptions, align: typeof alignRunTrace): RunConformance {
  const trace = executedSteps(record).map((s) => s.nodeId);
  const alignment = align(options.model ?? buildPrescribedModel(workflow), trace, options);
  const result = conformRun(workflow, record, { ...options, precomputed: alignment });
  return result;
}
