import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { delegationMixOf, runRef, sopSummary, type DelegationMix, type SopSummary } from './sop-views.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

/** What the library shows of a version's steps: how many, and how many stand at each delegation state. */
export interface StepTally { stepCount: number; delegation: DelegationMix }

/** Step tallies by a version's content hash, so a library page parses each text once (at most this many kept; the oldest go first). */
const STEP_TALLIES = new Map<string, StepTally>();
const STEP_TALLIES_KEPT = 10_000;

/** The steps of a stored version's workflow (the text parsed as it was published), tallied; a text seen before (same content hash) is not parsed again. */
export async function stepTallyOf(sop: SopRow, version: SopVersionRow): Promise<StepTally> {
  const known = STEP_TALLIES.get(version.contentHash);
  if (known !== undefined) return known;
  const { workflow } = await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`));
  const tally = { stepCount: workflow.nodes.length, delegation: delegationMixOf(workflow) };
  if (STEP_TALLIES.size >= STEP_TALLIES_KEPT) STEP_TALLIES.delete(STEP_TALLIES.keys().next().value!);
  STEP_TALLIES.set(version.contentHash, tally);
  return tally;
}

/**
 * Summaries of a tenant's SOPs with their current versions, each with its step count, delegation mix and
 * newest run (the newest runs of all of them in one query, whatever the page size); the order of `pairs` is kept.
 */
export async function summarizeSops(ctx: ProcessContext, tenantId: string, pairs: readonly { sop: SopRow; version: SopVersionRow }[]): Promise<SopSummary[]> {
  const latest = await serviceCall(() => recordsOf(ctx.store).runs.latestForSops(tenantId, pairs.map(({ sop }) => sop.id)));
  const bySop = new Map(latest.map((run) => [run.sopId, run]));
  return Promise.all(pairs.map(async ({ sop, version }) => {
    const run = bySop.get(sop.id);
    return sopSummary(sop, version, { ...await stepTallyOf(sop, version), lastRun: run === undefined ? null : runRef(run) });
  }));
}
