import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { runRef, sopSummary, type SopSummary } from './sop-views.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

/** Steps in a stored version's workflow (the text parsed as it was published). */
export async function stepCountOf(sop: SopRow, version: SopVersionRow): Promise<number> {
  return (await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`))).workflow.nodes.length;
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
