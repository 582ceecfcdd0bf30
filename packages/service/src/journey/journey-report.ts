import type { JourneyFunnel, JourneySession } from '@sopflow/analysis';
import type { Diagnostic, Workflow } from '@sopflow/format';
import type { JourneyEventRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { findTenant } from '../process-os/create-tenant.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';

/** Events read for one report at most; past it the report says `truncated`. */
export const MAX_JOURNEY_EVENTS_READ = 200_000;

export interface JourneyQuery {
  /** Tenant slug or id. */
  tenant: string;
  /** Only sessions that began at or after this time (ISO-8601 date or time). */
  since?: string;
}

export interface JourneyReportInput extends JourneyQuery {
  /** The ideal journey (`.osop`). */
  ideal: Workflow;
  /** Also mine the converting sessions into a proposed ideal journey. */
  synthesize?: boolean;
  /** Detours listed per group (default 5). */
  topDetours?: number;
}

export interface JourneyProposal {
  /** The proposed journey as `.osop` YAML (a draft: a person decides). */
  text: string;
  rationale: string;
  /** Converting sessions it was mined from. */
  sessions: number;
  valid: boolean;
  diagnostics: Diagnostic[];
}

export interface JourneyReport {
  tenant: string;
  since: string | null;
  funnel: JourneyFunnel;
  /** True when more events matched than one report reads (the oldest sessions are counted). */
  truncated: boolean;
  /** With `synthesize`: the proposal, or null when no session converted. */
  proposal?: JourneyProposal | null;
}

/**
 * The funnel of a tenant's recorded sessions along an ideal journey — reached and drop-off per
 * step, the commonest detours, people and agents apart — and, with `synthesize`, a better ideal
 * journey mined from the sessions that converted (analysis' `synthesizeWorkflow`, never stored).
 * The local operator, or a tenant user with sops.read in that tenant.
 */
export async function journeyReport(ctx: ProcessContext, input: JourneyReportInput): Promise<JourneyReport> {
  const { sessions, truncated, since, tenant } = await readJourneySessions(ctx, input);
  const analysis = await import('@sopflow/analysis');
  const funnel = analysis.journeyFunnel(input.ideal, sessions, input.topDetours === undefined ? {} : { topDetours: input.topDetours });
  const report: JourneyReport = { tenant, since, funnel, truncated };
  if (input.synthesize === true) report.proposal = await proposeJourney(input.ideal, sessions.filter(analysis.isConverted));
  return report;
}

/** The tenant's sessions (people's and agents'), each with its steps in time order; sessions that began before `since` are left out. */
export async function readJourneySessions(ctx: ProcessContext, query: JourneyQuery): Promise<{ tenant: string; since: string | null; sessions: JourneySession[]; truncated: boolean }> {
  const tenant = await findTenant(ctx, query.tenant);
  if (ctx.localAdmin === undefined) {
    const actor = requirePermission(ctx, 'sops.read');
    if (actor.tenantId !== tenant.id) throw new ServiceError('not_found', 'no such tenant');
  }
  const since = query.since === undefined ? undefined : isoTime(query.since);
  const rows = await serviceCall(() => recordsOf(ctx.store).journeys.listEvents(tenant.id, { ...(since === undefined ? {} : { since }), limit: MAX_JOURNEY_EVENTS_READ + 1 }));
  const truncated = rows.length > MAX_JOURNEY_EVENTS_READ;
  const sessions = groupSessions(rows.slice(0, MAX_JOURNEY_EVENTS_READ)).filter((s) => since === undefined || s.events[0]!.at >= since);
  return { tenant: tenant.slug, since: since ?? null, sessions, truncated };
}

/** Each session of a tenant as an `.osoplog` (one file per session, named after its run id), its steps matched to the ideal journey when one is given. */
export async function journeySessionLogs(ctx: ProcessContext, query: JourneyQuery & { ideal?: Workflow }): Promise<{ name: string; text: string }[]> {
  const { sessions } = await readJourneySessions(ctx, query);
  const analysis = await import('@sopflow/analysis');
  const { stringifyExecutionLog } = await import('@sopflow/format');
  const path = query.ideal === undefined ? [] : analysis.idealPath(query.ideal);
  return sessions.map((s) => {
    const log = analysis.journeySessionLog(s, query.ideal?.id ?? 'journey', path);
    return { name: `${log.run_id}.osoplog`, text: stringifyExecutionLog(log) };
  });
}

async function proposeJourney(ideal: Workflow, converting: readonly JourneySession[]): Promise<JourneyProposal | null> {
  if (converting.length === 0) return null;
  const analysis = await import('@sopflow/analysis');
  const { defaultKind, stringifyWorkflow, validateSource } = await import('@sopflow/format');
  const path = analysis.idealPath(ideal);
  const records = converting.flatMap((s) => analysis.runRecordFromLog(analysis.journeySessionLog(s, ideal.id, path)).record ?? []);
  const result = analysis.synthesizeWorkflow(records, { id: ideal.id, name: ideal.name });
  // A journey is a path through pages, not work to delegate: steps the ideal names keep its name and
  // type (whoever took them), and there are no delegation marks.
  const known = new Map(ideal.nodes.map((n) => [n.id, n]));
  const nodes = result.workflow.nodes.map(({ delegationState: _delegation, ...node }) => {
    const same = known.get(node.id);
    return { ...node, name: same?.name ?? node.name, type: same?.type ?? 'human', kind: same?.kind ?? defaultKind('human') };
  });
  const workflow = { ...result.workflow, nodes };
  const changes = result.changes.filter((c) => c.kind !== 'mark-delegable');
  const text = stringifyWorkflow(workflow);
  const rationale = analysis.renderRationale(workflow, changes, records.length);
  const check = validateSource(text, `${ideal.id}.proposed.osop`);
  return { text, rationale, sessions: records.length, valid: check.valid, diagnostics: check.diagnostics };
}

function groupSessions(rows: readonly JourneyEventRow[]): JourneySession[] {
  const sessions: JourneySession[] = [];
  let current: JourneySession | undefined;
  for (const row of rows) {
    if (current?.id !== row.sessionId) {
      current = { id: row.sessionId, events: [] };
      sessions.push(current);
    }
    if (row.agent !== null && current.agent === undefined) current.agent = row.agent;
    current.events.push({ step: row.step, at: row.at, ...(row.outcome === null ? {} : { outcome: row.outcome }) });
  }
  return sessions;
}

function isoTime(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new ServiceError('invalid_request', `--since ${text}: give a date such as 2026-12-01 or an ISO-8601 time`, { field: 'since' });
  return new Date(ms).toISOString();
}
