import type { RunStats } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

export interface RunStatsInput {
  /** The process the runs belong to, with its exact text (for runs pinned to a version-less process). */
  process?: { workflow: Workflow; text: string };
  /** Records; none with a process: that process's finished runs in the store. */
  sources: readonly RecordSource[];
  eventLog?: EventLogOptions;
}

export interface RunStatsResult {
  /** The process's id and version, when one was given. */
  workflow?: { id: string; version?: string };
  /** The process's steps no run executed (empty without a process). */
  neverRan: string[];
  stats: RunStats;
}

/**
 * Run statistics: success rate, p50/p95 per step, bottlenecks, rework, hand-off waiting between roles.
 * With a process, store runs are only those pinned to its version (or, without a version, to its exact
 * text), and its steps that never ran are named.
 */
export async function runStats(ctx: RecordsContext, input: RunStatsInput): Promise<RunStatsResult> {
  const workflow = input.process?.workflow;
  const sources: readonly RecordSource[] = workflow !== undefined && input.sources.length === 0 ? [{ kind: 'store', workflowId: workflow.id }] : input.sources;
  const { contentHash } = await import('@sopflow/engine');
  const pinned = input.process === undefined ? undefined
    : input.process.workflow.version !== undefined ? { version: input.process.workflow.version } : { contentHash: contentHash(input.process.text) };
  const { records } = await readRunRecords(ctx, sources, { ...(input.eventLog === undefined ? {} : { eventLog: input.eventLog }), ...(pinned === undefined ? {} : { pinned }) });
  const { computeStats } = await import('@sopflow/analysis');
  const stats = computeStats(records);
  const seen = new Set(records.flatMap((r) => r.steps.map((s) => s.nodeId)));
  return {
    ...(workflow === undefined ? {} : { workflow: { id: workflow.id, ...(workflow.version === undefined ? {} : { version: workflow.version }) } }),
    neverRan: workflow?.nodes.filter((n) => !seen.has(n.id)).map((n) => n.id) ?? [],
    stats,
  };
}
