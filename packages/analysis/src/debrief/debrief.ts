import type { Workflow } from '@sopflow/format';
import type { ConformOptions } from '../deviations/find-deviations.js';
import { conformRuns } from '../deviations/conform-runs.js';
import type { Deviation } from '../deviations/deviation.js';
import type { RunRecord } from '../records/run-record.js';
import { executedSteps, isGoodOutcome, stepDurationMs, toEpochMs } from '../records/run-record.js';
import { quantile } from '../stats/quantile.js';
import { forwardReach } from '../diff/step-order.js';
import type { ClassifierRule, DeviationClass, RuleContext } from './classifier-rules.js';
import { CLASSIFIER_RULES, DEVIATION_CLASSES, classifyDeviation } from './classifier-rules.js';
import type { InstitutionalMemory } from './institutional-memory.js';
import { mergeInstitutionalMemory } from './institutional-memory.js';
import type { PatternCorrelation } from './outcome-correlation.js';
import { correlateOutcomes } from './outcome-correlation.js';
import type { CandidateInput, UpdateCandidate } from './update-candidates.js';
import { proposeUpdateCandidates } from './update-candidates.js';
import type { RunStop } from './run-stop.js';
import { runStop } from './run-stop.js';

export interface ClassifiedDeviation extends Deviation {
  class: DeviationClass;
  /** Id of the classifier rule that decided the class. */
  rule: string;
}

export interface DebriefOptions extends ConformOptions {
  /** ISO timestamps; runs that started before `since` or at/after `until` are left out. */
  since?: string;
  until?: string;
  /** Group the figures by team (the record's `team`), or by any key of a run. */
  by?: 'team' | ((record: RunRecord) => string);
  isGood?: (record: RunRecord) => boolean;
  rules?: readonly ClassifierRule[];
  /** The memory so far; the report carries the merged memory. */
  memory?: InstitutionalMemory;
}

export interface DebriefReport {
  workflowId: string;
  workflowVersion?: string;
  window: { since?: string; until?: string };
  runs: number;
  adherence: {
    /** Share of runs without any deviation. */
    runRate: number;
    meanFitness?: number;
    perStep: { nodeId: string; runsWithDeviation: number; rate: number }[];
    perRun: { runId: string; team?: string; good: boolean; fitness?: number; finished: boolean; deviations: number }[];
  };
  deviations: ClassifiedDeviation[];
  classes: Record<DeviationClass, number>;
  /** Runs a legitimate outcome ended early: a denied approval, a cancellation. Their unreached steps are class OUTCOME, left out of adherence, correlation and update candidates. */
  outcomes: { approvalDenied: string[]; cancelled: string[] };
  correlations: PatternCorrelation[];
  updateCandidates: UpdateCandidate[];
  memory: InstitutionalMemory;
  groups: { key: string; runs: number; runRate: number; classes: Record<DeviationClass, number> }[];
}

/**
 * Pure; the shift debrief of a batch of runs against their process: adherence per step and per run,
 * runs ended by an outcome (approval denied, cancelled) counted apart,
 * every deviation classified OUTCOME | ESCALATION | EDGE_CASE | ORG_NUANCE | POTENTIAL_ERROR with the rule
 * that decided it, outcome correlation per pattern (counts, rates, Fisher's p), update candidates
 * awaiting approval, and organisation-specific patterns merged into institutional memory.
 */
export function debrief(workflow: Workflow, records: readonly RunRecord[], options: DebriefOptions = {}): DebriefReport {
  const since = toEpochMs(options.since);
  const until = toEpochMs(options.until);
  const runs = records.filter((r) => {
    const t = toEpochMs(r.startedAt);
    return (since === undefined || (t !== undefined && t >= since)) && (until === undefined || (t !== undefined && t < until));
  });
  const isGood = options.isGood ?? isGoodOutcome;
  const groupOf = options.by === undefined ? undefined : options.by === 'team' ? (r: RunRecord) => r.team ?? '(no team)' : options.by;
  const conformance = conformRuns(workflow, runs, options);
  const all = conformance.runs.flatMap((c) => c.deviations);
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const patternRuns = new Map<string, Set<string>>();
  for (const d of all) patternRuns.set(d.pattern, (patternRuns.get(d.pattern) ?? new Set()).add(d.runId));
  const teamRuns = new Map<string, number>();
  for (const r of runs) if (r.team !== undefined) teamRuns.set(r.team, (teamRuns.get(r.team) ?? 0) + 1);
  const profiles = profileInputs(runs.filter((_run, i) => conformance.runs[i].deviations.length === 0));
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const teamsByPattern = new Map<string, Map<string, { withPattern: number; runs: number }>>();
  for (const [pattern, ids] of patternRuns) {
    const teams = new Map([...teamRuns].map(([team, count]) => [team, { runs: count, withPattern: 0 }]));
    for (const id of ids) {
      const team = byId.get(id)?.team;
      const entry = team === undefined ? undefined : teams.get(team);
      if (entry !== undefined) entry.withPattern += 1;
    }
    teamsByPattern.set(pattern, teams);
  }
  const reach = forwardReach(workflow);
  const stops = new Map(runs.map((r) => [r.runId, runStop(workflow, r, reach)]).filter((e): e is [string, RunStop] => e[1] !== undefined));
  const unusualByRun = new Map<string, string[]>();
  const deviations: ClassifiedDeviation[] = all.map((d) => {
    const record = byId.get(d.runId) as RunRecord;
    const ids = patternRuns.get(d.pattern) ?? new Set<string>();
    const teams = teamsByPattern.get(d.pattern) ?? new Map();
    if (!unusualByRun.has(d.runId)) unusualByRun.set(d.runId, unusualInputs(record, profiles));
    const ctx: RuleContext = {
      deviation: d, record, workflow, node: nodes.get(d.nodeId), runGood: isGood(record),
      patternShare: runs.length === 0 ? 0 : ids.size / runs.length, patternRuns: ids.size, totalRuns: runs.length, teams,
      unusualInputs: unusualByRun.get(d.runId) ?? [],
      ...(stops.has(d.runId) ? { stop: stops.get(d.runId) } : {}),
    };
    const verdict = classifyDeviation(ctx, options.rules ?? CLASSIFIER_RULES);
    return { ...d, class: verdict.class, rule: verdict.rule };
  });
  const counted = deviations.filter((d) => d.class !== 'OUTCOME');
  const correlations = correlateOutcomes(runs, counted, isGood);
  const candidates = proposeUpdateCandidates(candidateInputs(counted, correlations, runs));
  const classes = countClasses(deviations);
  const found = [...new Set(deviations.filter((d) => d.class === 'ORG_NUANCE').map((d) => d.pattern))].map((pattern) => {
    const list = deviations.filter((d) => d.pattern === pattern);
    const times = list.map((d) => byId.get(d.runId)?.startedAt).filter((t): t is string => t !== undefined).sort();
    const teams = [...new Set(list.map((d) => byId.get(d.runId)?.team))];
    return {
      pattern, rule: list[0].rule, runs: new Set(list.map((d) => d.runId)).size, description: list[0].detail,
      ...(list[0].rule === 'one-team-habit' && teams.length === 1 && teams[0] !== undefined ? { team: teams[0] } : {}),
      ...(times.length > 0 ? { firstSeen: times[0], lastSeen: times[times.length - 1] } : {}),
    };
  });
  const perRun = conformance.runs.map((c, i) => ({
    runId: c.runId, ...(runs[i].team === undefined ? {} : { team: runs[i].team }), good: isGood(runs[i]),
    ...(c.fitness === undefined ? {} : { fitness: c.fitness }), finished: c.finished, deviations: counted.filter((d) => d.runId === c.runId).length,
  }));
  const groups = groupOf === undefined ? [] : [...new Set(runs.map(groupOf))].sort().map((key) => {
    const members = new Set(runs.filter((r) => groupOf(r) === key).map((r) => r.runId));
    return {
      key, runs: members.size,
      runRate: perRun.filter((p) => members.has(p.runId) && p.deviations === 0).length / members.size,
      classes: countClasses(deviations.filter((d) => members.has(d.runId))),
    };
  });
  return {
    workflowId: workflow.id,
    ...(workflow.version === undefined ? {} : { workflowVersion: workflow.version }),
    window: { ...(options.since === undefined ? {} : { since: options.since }), ...(options.until === undefined ? {} : { until: options.until }) },
    runs: runs.length,
    adherence: {
      runRate: runs.length === 0 ? 0 : perRun.filter((p) => p.deviations === 0).length / runs.length,
      ...(conformance.fitness === undefined ? {} : { meanFitness: conformance.fitness }),
      perStep: workflow.nodes.map((n) => {
        const withDev = new Set(counted.filter((d) => d.nodeId === n.id).map((d) => d.runId)).size;
        return { nodeId: n.id, runsWithDeviation: withDev, rate: runs.length === 0 ? 1 : 1 - withDev / runs.length };
      }),
      perRun,
    },
    deviations,
    classes,
    outcomes: {
      approvalDenied: [...stops].filter(([, s]) => s.by === 'approval_denied').map(([id]) => id),
      cancelled: [...stops].filter(([, s]) => s.by === 'cancelled').map(([id]) => id),
    },
    correlations,
    updateCandidates: candidates,
    memory: mergeInstitutionalMemory(options.memory, workflow.id, found),
    groups,
  };
}

function countClasses(list: readonly ClassifiedDeviation[]): Record<DeviationClass, number> {
  const out = Object.fromEntries(DEVIATION_CLASSES.map((c) => [c, 0])) as Record<DeviationClass, number>;
  for (const d of list) out[d.class] += 1;
  return out;
}

interface InputProfile {
  min?: number;
  max?: number;
  numbers: number;
  /** Categories seen, when the input looks categorical (at most half as many distinct values as runs). */
  categories?: Set<unknown>;
}

/** What conforming runs had for each input: the numeric range, and the categories of categorical inputs. */
function profileInputs(conforming: readonly RunRecord[]): Map<string, InputProfile> {
  const values = new Map<string, unknown[]>();
  for (const r of conforming) {
    for (const [name, v] of Object.entries(r.inputs ?? {})) {
      const list = values.get(name);
      if (list === undefined) values.set(name, [v]);
      else list.push(v);
    }
  }
  const profiles = new Map<string, InputProfile>();
  for (const [name, seen] of values) {
    if (seen.length < 2) continue;
    const nums = seen.filter((v): v is number => typeof v === 'number');
    const cats = seen.filter((v) => typeof v === 'string' || typeof v === 'boolean');
    const distinct = new Set(cats);
    // Identifier-like inputs (a customer name, an order id) differ in every run: only categorical ones count.
    profiles.set(name, {
      numbers: nums.length,
      ...(nums.length >= 2 ? { min: nums.reduce((m, v) => Math.min(m, v)), max: nums.reduce((m, v) => Math.max(m, v)) } : {}),
      ...(cats.length >= 2 && distinct.size <= cats.length / 2 ? { categories: distinct } : {}),
    });
  }
  return profiles;
}

/** Input names whose value in this run lies outside what conforming runs had: a number out of their range, or a category none of them had. */
function unusualInputs(record: RunRecord, profiles: Map<string, InputProfile>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(record.inputs ?? {})) {
    const p = profiles.get(name);
    if (p === undefined) continue;
    if (typeof value === 'number' && p.min !== undefined && p.max !== undefined && (value < p.min || value > p.max)) out.push(name);
    if ((typeof value === 'string' || typeof value === 'boolean') && p.categories !== undefined && !p.categories.has(value)) out.push(name);
  }
  return out;
}

function candidateInputs(deviations: readonly ClassifiedDeviation[], correlations: readonly PatternCorrelation[], runs: readonly RunRecord[]): CandidateInput[] {
  const byId = new Map(runs.map((r) => [r.runId, r]));
  return correlations.map((correlation) => {
    const list = deviations.filter((d) => d.pattern === correlation.pattern);
    const first = list[0];
    const classCounts = new Map<DeviationClass, number>();
    for (const d of list) classCounts.set(d.class, (classCounts.get(d.class) ?? 0) + 1);
    const classification = [...classCounts].sort((a, b) => b[1] - a[1])[0][0];
    const neighbours = list.map((d) => {
      const trace = executedSteps(byId.get(d.runId) as RunRecord).map((s) => s.nodeId);
      return { before: d.traceIndex === undefined ? undefined : trace[d.traceIndex - 1], after: d.traceIndex === undefined ? undefined : trace[d.traceIndex + 1] };
    });
    const durations = runs.flatMap((r) => r.steps.filter((s) => s.nodeId === first.nodeId).map(stepDurationMs)).filter((x): x is number => x !== undefined);
    const p95 = quantile(durations, 0.95);
    return {
      pattern: correlation.pattern, kind: first.kind, nodeId: first.nodeId, classification, rule: first.rule,
      runIds: [...new Set(list.map((d) => d.runId))], correlation,
      after: mostCommon(neighbours.map((n) => n.before)), before: mostCommon(neighbours.map((n) => n.after)),
      role: typeof first.data.actual === 'string' ? first.data.actual : undefined,
      p95Sec: p95 === undefined ? undefined : p95 / 1000,
    };
  });
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
