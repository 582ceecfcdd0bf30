import { createHash } from 'node:crypto';
import type { Opportunity } from '@sopflow/analysis';
import type { SopRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { givenPerStep, readAssumptionEdits, recordAssumptionEdit, type AssumptionEdit } from './opportunity-assumptions.js';
import { delegationReadiness } from '../delegation/delegation-readiness.js';
import { rankOpportunities } from '../delegation/rank-opportunities.js';
import { recordedTrials } from './delegation-trials.js';
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
  /** Who last edited this opportunity's assumptions and when (null while every figure is measured or a default). */
  edited: { by: string; at: string } | null;
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

/** The last portfolio of each tenant and the mark it was computed at (one per server process). */
export interface PortfolioCache {
  get(tenantId: string, key: string): TenantPortfolio | undefined;
  set(tenantId: string, key: string, portfolio: TenantPortfolio): void;
}

/** A PortfolioCache keeping one portfolio per tenant in memory. */
export function createPortfolioCache(): PortfolioCache {
  const kept = new Map<string, { key: string; portfolio: TenantPortfolio }>();
  return {
    get: (tenantId, key) => { const hit = kept.get(tenantId); return hit?.key === key ? hit.portfolio : undefined; },
    set: (tenantId, key, portfolio) => { kept.set(tenantId, { key, portfolio }); },
  };
}

export interface PortfolioOptions {
  /** Reuse the tenant's last portfolio while nothing it rests on changed (see `changeMark`). */
  cache?: PortfolioCache;
  /**
   * Moves whenever a run event is stored (the server's change feed's last event id after a poll).
   * The cache key adds the tenant's SOPs (ids, current versions, statuses, update times) and its
   * assumption edits, so a publish or an edit is seen at once.
   */
  changeMark?: string;
}

/**
 * The caller's tenant's ranked portfolio of delegation opportunities over all its SOPs: each step's
 * deterministic expected monthly value (with the trials recorded for it) with every figure (measured, given or default) in
 * `assumptions` (edited figures are `given`, with `edited` saying who and when); ranked by value,
 * then potential value, then SOP and step. Reads only; idempotent. With a cache and a change mark,
 * only the SOP list and the edits are read while no run event came in.
 */
export async function listTenantOpportunities(ctx: ProcessContext, options: PortfolioOptions = {}): Promise<TenantPortfolio> {
  const actor = requirePermission(ctx, 'sops.read');
  const records = recordsOf(ctx.store);
  const sops: SopRow[] = [];
  for (let afterId: string | undefined; ;) {
    const page = await serviceCall(() => records.sops.list(actor.tenantId, { limit: PAGE, ...(afterId === undefined ? {} : { afterId }) }));
    sops.push(...page);
    afterId = page[page.length - 1]?.id;
    if (page.length < PAGE || afterId === undefined) break;
  }
  const edits = await readAssumptionEdits(ctx, actor.tenantId);
  const key = options.changeMark === undefined ? undefined : createHash('sha256').update(JSON.stringify([
    options.changeMark, sops.map((s) => [s.id, s.currentVersionId, s.status, s.updatedAt]), [...edits].map(([id, e]) => [id, e.at]),
  ])).digest('hex');
  const cached = key === undefined ? undefined : options.cache?.get(actor.tenantId, key);
  if (cached !== undefined) return cached;
  const items: Omit<TenantOpportunity, 'rank' | 'cumulativeValue'>[] = [];
  const excluded: TenantPortfolio['excluded'] = [];
  const withoutRuns: string[] = [];
  for (const row of sops) {
    const { sop, workflow, sources } = await readSopRunSources(ctx, row.id);
    if (sources.length === 0) {
      withoutRuns.push(sop.id);
      continue;
    }
    const trials = await recordedTrials(ctx, actor.tenantId, sop.id);
    const { portfolio } = await delegationReadiness(ctx, { workflow, sources, givenPerStep: givenPerStep(edits, sop.id), ...(trials === undefined ? {} : { trials }) });
    for (const item of portfolio.items) {
      const { rank: _rank, cumulativeValue: _cumulative, ...opportunity } = item;
      const id = `${sop.id}#${item.nodeId}`;
      items.push({ ...opportunity, id, sopId: sop.id, sopTitle: sop.title, workflowId: sop.workflowId, edited: editedOf(edits.get(id)) });
    }
    excluded.push(...portfolio.excluded.map((e) => ({ sopId: sop.id, ...e })));
  }
  const { items: ranked, totalValue } = rankOpportunities(items, (item) => `${item.sopId}\u0000${item.nodeId}`);
  const portfolio = { items: ranked, excluded, withoutRuns, totalValue };
  if (key !== undefined) options.cache?.set(actor.tenantId, key, portfolio);
  return portfolio;
}

/**
 * Edits the assumptions of one of the tenant's opportunities (`SOP_ID#STEP_ID`) and answers with it
 * recomputed and ranked in the tenant's portfolio. A name one may not set or a bad value is
 * `invalid_input` naming the field; an unknown opportunity (or another tenant's) `not_found`. Editors and up.
 */
export async function editOpportunityAssumptions(ctx: ProcessContext, id: string, assumptions: Readonly<Record<string, unknown>>, options: PortfolioOptions = {}): Promise<{ opportunity: TenantOpportunity }> {
  await recordAssumptionEdit(ctx, id, assumptions, async (sopId, nodeId) => {
    const { workflow, sources } = await readSopRunSources(ctx, sopId);
    const { portfolio } = await delegationReadiness(ctx, { workflow, sources });
    if (!portfolio.items.some((item) => item.nodeId === nodeId)) throw new ServiceError('not_found', `no opportunity ${id}: step "${nodeId}" of SOP ${sopId} is not one`, { opportunityId: id });
  });
  const opportunity = (await listTenantOpportunities(ctx, options)).items.find((item) => item.id === id);
  if (opportunity === undefined) throw new ServiceError('not_found', `no opportunity ${id}`, { opportunityId: id });
  return { opportunity };
}

/** Pure; who edited an opportunity's assumptions, as the views show it. */
export function editedOf(edit: AssumptionEdit | undefined): { by: string; at: string } | null {
  return edit === undefined ? null : { by: edit.by, at: edit.at };
}
