import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';

/** A run report: figures about one version's finished runs, and nothing that names a run, a person or an input. */
export interface HubRunReport { name: string; version: string; runs: number; succeeded: number; p50Ms: number; p95Ms: number }

const MAX_RUNS = 1_000_000;
/** A year: the longest duration a report may give. */
const MAX_DURATION_MS = 366 * 24 * 3600 * 1000;

/**
 * Records a run report for a published version (needs `runs.start`): whole numbers, 1 ≤ runs ≤
 * 1 000 000, succeeded ≤ runs, 0 ≤ p50 ≤ p95 ≤ a year (invalid_input otherwise); an unknown
 * name@version is not_found. Only the figures are stored: no tenant, user or address.
 */
export async function reportToHub(ctx: ProcessContext, report: HubRunReport, now: Date = new Date()): Promise<{ accepted: true; name: string; version: string }> {
  requirePermission(ctx, 'runs.start');
  const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
  const problems = [
    whole(report.runs, 1, MAX_RUNS) ? null : `runs must be a whole number from 1 to ${MAX_RUNS}`,
    whole(report.succeeded, 0, report.runs) ? null : 'succeeded must be a whole number from 0 to runs',
    whole(report.p50Ms, 0, MAX_DURATION_MS) && whole(report.p95Ms, report.p50Ms, MAX_DURATION_MS) ? null : 'p50Ms and p95Ms are whole milliseconds with 0 ≤ p50Ms ≤ p95Ms ≤ a year',
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) throw new ServiceError('invalid_input', `the report does not add up: ${problems.join('; ')}`, { problems });
  const hub = recordsOf(ctx.store).hub;
  if (await hub.findVersion(report.name, report.version) === undefined) throw new ServiceError('not_found', `the hub has no ${report.name}@${report.version}`, { name: report.name, version: report.version });
  await hub.insertReport({ id: createId('hrep', now), name: report.name, version: report.version, receivedAt: now.toISOString(), runs: report.runs, succeeded: report.succeeded, p50Ms: report.p50Ms, p95Ms: report.p95Ms });
  return { accepted: true, name: report.name, version: report.version };
}
