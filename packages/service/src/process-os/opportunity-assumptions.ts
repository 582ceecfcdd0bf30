import type { OpportunityDefaults } from '@sopflow/analysis';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** The figures of an opportunity a person may set (every other one is measured from the runs). */
export const EDITABLE_ASSUMPTIONS = ['costPerHour', 'timeSavedShare', 'automationShare', 'runningCostPerExecution', 'fixedMonthlyCost', 'frequencyPerMonth', 'minHistoryDays', 'currency'] as const;
export type EditableAssumption = (typeof EDITABLE_ASSUMPTIONS)[number];

/** A tenant's figures for one opportunity, and who set them last and when. */
export interface AssumptionEdit { values: OpportunityDefaults; by: string; at: string }

const ACTION = 'opportunity.assumptions';
const SHARES = new Set<string>(['timeSavedShare', 'automationShare']);

/**
 * Pure; the edited figures checked: a known name (EDITABLE_ASSUMPTIONS) and a number of 0 or more
 * (a share at most 1; a number may come as its text) or, for `currency`, a three-letter code.
 * Anything else is `invalid_input` (422) naming the field in `details.field`.
 */
export function checkAssumptions(input: Readonly<Record<string, unknown>>): OpportunityDefaults {
  const names = Object.keys(input);
  if (names.length === 0) throw new ServiceError('invalid_input', `give at least one assumption (${EDITABLE_ASSUMPTIONS.join(', ')})`, { field: 'assumptions' });
  const out: Record<string, number | string> = {};
  for (const name of names) {
    const field = `assumptions.${name}`;
    const raw = input[name];
    if (!(EDITABLE_ASSUMPTIONS as readonly string[]).includes(name)) {
      throw new ServiceError('invalid_input', `${field} is not an assumption one may set; these are: ${EDITABLE_ASSUMPTIONS.join(', ')}`, { field, known: EDITABLE_ASSUMPTIONS });
    }
    if (name === 'currency') {
      if (typeof raw !== 'string' || !/^[A-Z]{3}$/.test(raw)) throw new ServiceError('invalid_input', `${field} must be a three-letter currency code such as EUR, not ${JSON.stringify(raw)}`, { field });
      out[name] = raw;
      continue;
    }
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
    const max = SHARES.has(name) ? 1 : Number.POSITIVE_INFINITY;
    if (!Number.isFinite(value) || value < 0 || value > max) {
      throw new ServiceError('invalid_input', `${field} must be a number ${max === 1 ? 'from 0 to 1' : 'of 0 or more'}, not ${JSON.stringify(raw)}`, { field });
    }
    out[name] = value;
  }
  return out as OpportunityDefaults;
}

/** Pure; an opportunity id (`SOP_ID#STEP_ID`) split, or not_found. */
export function parseOpportunityId(id: string): { sopId: string; nodeId: string } {
  const at = id.indexOf('#');
  if (at <= 0 || at === id.length - 1) throw new ServiceError('not_found', `no opportunity ${id} (ids are SOP_ID#STEP_ID)`, { opportunityId: id });
  return { sopId: id.slice(0, at), nodeId: id.slice(at + 1) };
}

/** The tenant's edited assumptions by opportunity id (optionally of one SOP): one query. */
export async function readAssumptionEdits(ctx: ProcessContext, tenantId: string, sopId?: string): Promise<Map<string, AssumptionEdit>> {
  const rows = await serviceCall(() => recordsOf(ctx.store).learning.listAssumptions(tenantId, sopId));
  return new Map(rows.map((row) => [row.opportunityId, { values: row.values as OpportunityDefaults, by: row.by, at: row.at }]));
}

/** Pure; the edited figures of one SOP's steps, by step id (what delegationReadiness takes as givenPerStep). */
export function givenPerStep(edits: ReadonlyMap<string, AssumptionEdit>, sopId: string): Record<string, OpportunityDefaults> {
  const out: Record<string, OpportunityDefaults> = {};
  for (const [id, edit] of edits) if (id.startsWith(`${sopId}#`)) out[id.slice(sopId.length + 1)] = edit.values;
  return out;
}

/**
 * Records edited assumptions of one opportunity (merged over its earlier edits by the store, in one
 * statement: two people editing different figures at once both keep theirs) for the caller's
 * tenant, with who and when (the store's learning records; the admin audit log records the act as
 * `opportunity.assumptions`). Checked first (checkAssumptions);
 * `exists` confirms the opportunity is one of the tenant's (not_found otherwise). Editors and up.
 */
export async function recordAssumptionEdit(ctx: ProcessContext, id: string, assumptions: Readonly<Record<string, unknown>>, exists: (sopId: string, nodeId: string) => Promise<void>): Promise<AssumptionEdit> {
  const actor = requirePermission(ctx, 'sops.write');
  const { sopId, nodeId } = parseOpportunityId(id);
  const values = checkAssumptions(assumptions);
  await exists(sopId, nodeId);
  const records = recordsOf(ctx.store);
  const stored = await serviceCall(() => records.learning.mergeAssumptions({
    tenantId: actor.tenantId, opportunityId: id, sopId, values: values as Record<string, number | string>, by: actor.name, at: new Date().toISOString(),
  }));
  const edit: AssumptionEdit = { values: stored.values as OpportunityDefaults, by: stored.by, at: stored.at };
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: actor.tenantId, at: edit.at, actor: actor.name, action: ACTION, target: id, details: { values: edit.values, changed: values } }));
  return edit;
}
