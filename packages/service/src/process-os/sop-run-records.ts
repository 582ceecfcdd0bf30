import type { Workflow } from '@sopflow/format';
import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import type { RecordSource } from '../records/record-source.js';
import { buildRunLog } from '../runs/get-run-log.js';
import { requireEngine } from '../runs/require-engine.js';
import { findSopOf } from './get-sop.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
const PAGE = 200;
/** The most runs one learning request reads (newest first). */
export const MAX_SOP_RUNS = 2000;

/** An SOP of the caller's tenant, its current version's workflow, and its finished runs as record sources. */
export interface SopRunSources {
  sop: SopRow;
  version: SopVersionRow;
  workflow: Workflow;
  /** Each finished run linked to the SOP (`sop_runs`), oldest first, as its `.osoplog` JSON text. */
  sources: RecordSource[];
}

/**
 * The finished runs of one SOP of the caller's tenant, picked through the `sop_runs` link (never the
 * whole store; at most MAX_SOP_RUNS, newest kept), as `.osoplog` texts that `readRunRecords`,
 * `debriefRuns` and `delegationReadiness` read. Another tenant's SOP is not_found like a missing one.
 */
export async function readSopRunSources(ctx: ProcessContext, sopId: string): Promise<SopRunSources> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  const engine = requireEngine(ctx);
  const records = recordsOf(ctx.store);
  const runIds: string[] = [];
  let before: { createdAt: string; runId: string } | undefined;
  for (;;) {
    const page = await serviceCall(() => records.runs.list(actor.tenantId, { sopId: sop.id, limit: PAGE, ...(before === undefined ? {} : { before }) }));
    runIds.push(...page.filter((r) => FINISHED.has(r.status)).map((r) => r.runId));
    const last = page[page.length - 1];
    if (page.length < PAGE || last === undefined || runIds.length >= MAX_SOP_RUNS) break;
    before = { createdAt: last.createdAt, runId: last.runId };
  }
  const { stringifyExecutionLog } = await import('@sopflow/format');
  const sources: RecordSource[] = [];
  for (const runId of runIds.slice(0, MAX_SOP_RUNS).reverse()) {
    const run = await serviceCall(() => engine.getRun(runId));
    sources.push({ kind: 'text', name: `${runId}.osoplog.json`, text: stringifyExecutionLog(await buildRunLog(run), 'json') });
  }
  const workflow = (await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`))).workflow;
  return { sop, version, workflow, sources };
}
