import { findSopOf } from './get-sop.js';
import type { SopSummary } from './sop-views.js';
import { summarizeSops } from './summarize-sops.js';
import { requirePermission, type ProcessContext } from './tenant-actor.js';

/** The `.osop` text of an SOP's current version, as stored (byte for byte), with its summary; another tenant's SOP is not_found. */
export async function getSopDocument(ctx: ProcessContext, sopId: string): Promise<{ sop: SopSummary; fileName: string; text: string }> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  const [summary] = await summarizeSops(ctx, actor.tenantId, [{ sop, version }]);
  return { sop: summary, fileName: `${sop.workflowId}.osop`, text: version.text };
}
