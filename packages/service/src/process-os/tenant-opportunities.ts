import type { Opportunity } from '@sopflow/analysis';
import { serviceCall } from '../as-service-error.js';
import { delegationReadiness } from '../delegation/delegation-readiness.js';
import { readSopRunSources } from './sop-run-records.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** One opportunity of the tenant: a delegatable step of one SOP, ranked across every SOP. */
export interface TenantOpportunity extends Opportunity {
  /** Stable per SOP and step (`SOP_ID#NODE_ID`): asking again gives the same opportunity, never a second one. */
  id: string;
  sopId: string;
  sopTitle: string;
  workflowId: string;
  rank: number;
  cumulativeValue: number;
}

export interface TenantPortfolio {
  items: TenantOpportunity[];
  /** Steps that are not opportunities, and why. */
  excluded: { sopId: string; nodeId: string; reason: string }[];
  /** SOPs left out because they have no finished runs to learn from. */
  withoutRuns: string[];
  totalValue: number;
}

const PAGE = 200;

/**
 * The caller's tenant's ranked portfolio of delegation opportunities over all its SOPs: each step's
 * deterministic expected monthly value with every figure (measured, given or default) in
 * `assumptions`; ranked by value, then potential value, then SOP and step. Reads only; idempotent.
 */
export async function listTenantOpportunities(ctx: ProcessContext): Promise<TenantPortfolio> {
  const actor = requirePermission(ctx, 'sops.read');
  const records = recordsOf(ctx.store);
  const items: Omit<TenantOpportunity, 'rank' | 'cumulativeValue'>[] = [];
  const excluded: TenantPortfolio['excluded'] = [];
  const withoutRuns: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const sops = await serviceCall(() => records.sops.list(actor.tenantId, { limit: PAGE, ...(afterId === undefined ? {} : { afterId }) }));
    for (const row of sops) {
      const { sop, workflow, sources } = await readSopRunSources(ctx, row.id);
      if (sources.length === 0) {
        withoutRuns.push(sop.id);
        continue;
      }
      const { portfolio } = await delegationReadiness(ctx, { workflow, sources });
      for (const item of portfolio.items) {
        const { rank: _rank, cumulativeValue: _cumulative, ...opportunity } = item;
        items.push({ ...opportunity, id: `${sop.id}#${item.nodeId}`, sopId: sop.id, sopTitle: sop.title, workflowId: sop.workflowId });
      }
      excluded.push(...portfolio.excluded.map((e) => ({ sopId: sop.id, ...e })));
    }
    const last = sops[sops.length - 1];
    if (sops.length < PAGE || last === undefined) break;
    afterId = last.id;
  }
  const order = (v: number | undefined): number => v ?? Number.NEGATIVE_INFINITY;
  items.sort((a, b) => order(b.monthlyValue) - order(a.monthlyValue) || order(b.potentialMonthlyValue) - order(a.potentialMonthlyValue)
    || a.sopId.localeCompare(b.sopId) || a.nodeId.localeCompare(b.nodeId));
  let running = 0;
  const ranked = items.map((item, i) => {
    running += Math.max(0, item.monthlyValue ?? 0);
    return { ...item, rank: i + 1, cumulativeValue: round2(running) };
  });
  return { items: ranked, excluded, withoutRuns, totalValue: round2(running) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
