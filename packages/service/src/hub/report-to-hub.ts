import { createHash } from 'node:crypto';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, requirePermission, type ProcessContext, type TenantActor } from '../process-os/tenant-actor.js';

/** A run report: figures about one version's finished runs, and nothing that names a run, a person or an input. */
export interface HubRunReport { name: string; version: string; runs: number; succeeded: number; p50Ms: number; p95Ms: number }

const MAX_RUNS = 1_000_000;
/** A year: the longest duration a report may give. */
const MAX_DURATION_MS = 366 * 24 * 3600 * 1000;
/** A sender reports one version at most once per period (its figures are totals, so waiting loses nothing). */
export const HUB_REPORT_PERIOD_MS = 60 * 60 * 1000;
/** The versions one sender may report in a day. */
export const HUB_REPORTS_PER_DAY = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records a run report for a published version (needs `runs.start`): whole numbers, 1 ≤ runs ≤
 * 1 000 000, succeeded ≤ runs, 0 ≤ p50 ≤ p95 ≤ a year (invalid_input otherwise); an unknown
 * name@version is not_found. Each sender (a token; a signed-in user) has one standing report per
 * version, which a new one replaces — the figures are the sender's totals, so the ranking counts
 * them once; at most one per version per HUB_REPORT_PERIOD_MS, and HUB_REPORTS_PER_DAY versions a
 * day (rate_limited with `retryAfterSeconds`). Stored: the figures and a one-way hash naming the
 * sender to the hub alone; no tenant, user, token or address.
 */
export async function reportToHub(ctx: ProcessContext, report: HubRunReport, now: Date = new Date()): Promise<{ accepted: true; name: string; version: string }> {
  const actor = requirePermission(ctx, 'runs.start');
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  const problems = [
    whole(report.runs, 1, MAX_RUNS) ? null : `runs must be a whole number from 1 to ${MAX_RUNS}`,
    whole(report.succeeded, 0, report.runs) ? null : 'succeeded must be a whole number from 0 to runs',
    whole(report.p50Ms, 0, MAX_DURATION_MS) && whole(report.p95Ms, report.p50Ms, MAX_DURATION_MS) ? null : 'p50Ms and p95Ms are whole milliseconds with 0 ≤ p50Ms ≤ p95Ms ≤ a year',
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new ServiceError('invalid_input', `the report does not add up: ${problems.join('; ')}`, { problems });
  const hub = recordsOf(ctx.store).hub;
  if (await hub.findVersion(report.name, report.version) === undefined) throw new ServiceError('not_found', `the hub has no ${report.name}@${report.version}`, { name: report.name, version: report.version });
  const reporter = reporterOf(actor);
  const activity = await hub.reporterActivity(reporter, report.name, report.version, new Date(now.getTime() - DAY_MS).toISOString());
  const sinceLast = activity.lastOfVersion === null ? Number.POSITIVE_INFINITY : now.getTime() - Date.parse(activity.lastOfVersion);
  if (sinceLast < HUB_REPORT_PERIOD_MS) {
    const wait = Math.ceil((HUB_REPORT_PERIOD_MS - sinceLast) / 1000);
    throw new ServiceError('rate_limited', `${report.name}@${report.version} was reported with this token less than an hour ago; the next report replaces it, in ${wait} s`, { retryAfterSeconds: wait, reason: 'period' });
  }
  if (activity.lastOfVersion === null && activity.versionsSince >= HUB_REPORTS_PER_DAY) {
    throw new ServiceError('rate_limited', `this token reported ${HUB_REPORTS_PER_DAY} versions in the last day, its budget`, { retryAfterSeconds: 3600, reason: 'budget' });
  }
  await hub.upsertReport({
    id: createId('hrep', now), name: report.name, version: report.version, reporter, receivedAt: now.toISOString(),
    runs: report.runs, succeeded: report.succeeded, p50Ms: report.p50Ms, p95Ms: report.p95Ms,
  });
  return { accepted: true, name: report.name, version: report.version };
}

/** Pure; who sent a report as the hub keeps it: a hash of the token (or the signed-in user), not reversible to either. */
function reporterOf(actor: TenantActor): string {
  const sender = actor.tokenId === undefined ? `session\0${actor.tenantId}\0${actor.email}` : `token\0${actor.tokenId}`;
  return createHash('sha256').update(`sopflow-hub-reporter\0${sender}`).digest('hex').slice(0, 32);
}
