import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { runRef, sopSummary, type SopSummary } from './sop-views.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

/** Step counts by a version's content hash, so a library page parses each text once (at most this many kept; the oldest go first). */
const STEP_COUNTS = new Map<string, number>();
const STEP_COUNTS_KEPT = 10_000;

/** Steps in a stored version's workflow (the text parsed as it was published); a text seen before (same content hash) is not parsed again. */
export async function stepCountOf(sop: SopRow, version: SopVersionRow): Promise<number> {
  const known = STEP_COUNTS.get(version.contentHash);
  if (known !== undefined) return known;
  const count = (await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`))).workflow.nodes.length;
  if (STEP_COUNTS.size >= STEP_COUNTS_KEPT) STEP_COUNTS.delete(STEP_COUNTS.keys().next().value!);
  STEP_COUNTS.set(version.contentHash, count);
  return count;
}

/**
 * Summaries of a tenant's SOPs with their current versions, each with its step count and newest run
 * (the newest runs of all of them in one query, whatever the page size); the order of `pairs` is kept.
 */
export async function summarizeSops(ctx: ProcessContext, tenantId: string, pairs: readonly { sop: SopRow; version: SopVersionRow }[]): Promise<SopSummary[]> {
  const latest = await serviceCall(() => recordsOf(ctx.store).runs.latestForSops(tenantId, pairs.map(({ sop }) => sop.id)));
  const bySop = new Map(latest.map((run) => [run.sopId, run]));
  return Promise.all(pairs.map(async ({ sop, version }) => {
    const run = bySop.get(sop.id);
    return sopSummary(sop, version, { stepCount: await stepCountOf(sop, version), lastRun: run === undefined ? null : runRef(run) });
  }));
}
