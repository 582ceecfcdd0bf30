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
 * (one run query per SOP, side by side); the order of `pairs` is kept.
 */
export async function summarizeSops(ctx: ProcessContext, tenantId: string, pairs: readonly { sop: SopRow; version: SopVersionRow }[]): Promise<SopSummary[]> {
  const runs = recordsOf(ctx.store).runs;
  return Promise.all(pairs.map(async ({ sop, version }) => {
    const [latest] = await serviceCall(() => runs.listForSop(tenantId, sop.id, 1));
    return sopSummary(sop, version, { stepCount: await stepCountOf(sop, version), lastRun: latest === undefined ? null : runRef(latest) });
  }));
}
