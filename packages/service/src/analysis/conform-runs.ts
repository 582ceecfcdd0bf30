import type { ConformanceReport } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { describeRecordSource, type RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

/** How far one run followed its process. */
export interface RunConformance {
  runId: string;
  /** False when the alignment ran out of its time budget: not judged, never guessed. */
  finished: boolean;
  /** Token-based replay fitness of the run's trace on the process net. */
  tokenReplay?: number;
  /** PM4Py-style alignment fitness; undefined when the alignment ran out of budget. */
  alignment?: number;
  deviations: ConformanceReport['runs'][number]['deviations'];
  unjudgedConditions: number;
}

/** The totals over every run checked. */
export interface ConformanceTotal {
  workflow: string;
  runs: number;
  variants: number;
  tokenReplay: number;
  alignment?: number;
  stepFitness: ConformanceReport['fitness'];
  notFinished: number;
  deviations: Record<string, number>;
  patterns: { pattern: string; runs: number }[];
}

export interface ConformRunsInput {
  workflow: Workflow;
  /** Records to check; `runs:` in the store means this process's runs only. */
  sources: readonly RecordSource[];
  /** Time budget per trace for the alignments (default 5000 ms). */
  budgetMs?: number;
  eventLog?: EventLogOptions;
}

export const DEFAULT_ALIGNMENT_BUDGET_MS = 5000;

/**
 * Checks runs against their process: token replay and alignment fitness on the process's Petri net,
 * named deviations and patterns, per run and in total. A trace over the time budget is "not finished".
 * Store runs of another process are `invalid_request`.
 */
export async function conformRuns(ctx: RecordsContext, input: ConformRunsInput): Promise<{ total: ConformanceTotal; runs: RunConformance[] }> {
  const budgetMs = input.budgetMs ?? DEFAULT_ALIGNMENT_BUDGET_MS;
  if (!Number.isInteger(budgetMs) || budgetMs <= 0) throw new ServiceError('invalid_request', `--budget-ms must be a positive whole number, not "${input.budgetMs}"`);
  const { workflow } = input;
  const sources = input.sources.map((source) => ownRuns(source, workflow.id));
  const { records } = await readRunRecords(ctx, sources, input.eventLog === undefined ? {} : { eventLog: input.eventLog });
  const analysis = await import('@sopflow/analysis');
  const model = analysis.buildPrescribedModel(workflow);
  const report = analysis.conformRuns(workflow, records, {
    model,
    aligner: (trace) => {
      const deadline = Date.now() + budgetMs;
      return analysis.alignRunTrace(model, trace, { shouldStop: () => Date.now() > deadline });
    },
  });
  const net = analysis.workflowToPetriNet(workflow);
  const log = analysis.recordsToConformanceLog(workflow, records);
  const replay = analysis.replayLog(log, net);
  const tbr = analysis.summariseReplay(replay);
  const alignments = analysis.alignLog(log, net, { maxMillis: budgetMs });
  const key = (trace: readonly string[]): string => trace.join('\u0000');
  const replayByTrace = new Map(replay.variants.map((v) => [key(v.trace), v.result.fitness]));
  const alignByTrace = new Map(alignments.variants.map((v) => [key(v.trace), v.fitness]));
  const traceOf = new Map(log.cases.map((c) => [c.id, key(Array.from(c.activities, (a) => log.activities[a]))]));
  const runs: RunConformance[] = report.runs.map((run) => {
    const trace = traceOf.get(run.runId) ?? '';
    const alignment = alignByTrace.get(trace);
    return {
      runId: run.runId,
      finished: run.finished && alignment !== undefined && !Number.isNaN(alignment),
      tokenReplay: replayByTrace.get(trace),
      alignment: alignment === undefined || Number.isNaN(alignment) ? undefined : alignment,
      deviations: run.deviations,
      unjudgedConditions: run.unjudgedConditions,
    };
  });
  const total: ConformanceTotal = {
    workflow: workflow.id,
    runs: records.length,
    variants: report.variants,
    tokenReplay: tbr.logFitness,
    alignment: alignments.unfinishedCases === records.length ? undefined : alignments.logFitness,
    stepFitness: report.fitness,
    notFinished: runs.filter((r) => !r.finished).length,
    deviations: report.byKind,
    patterns: report.patterns,
  };
  return { total, runs };
}

/** `runs:` in a conformance check means this process's runs; another process's runs are refused. */
function ownRuns(source: RecordSource, workflowId: string): RecordSource {
  if (source.kind !== 'store') return source;
  if (source.workflowId !== undefined && source.workflowId !== workflowId) {
    throw new ServiceError('invalid_request', `${describeRecordSource(source)} selects the runs of ${source.workflowId}, but the process is ${workflowId}; conform checks a process against its own runs (runs: or runs:${workflowId})`);
  }
  return { kind: 'store', workflowId };
}
