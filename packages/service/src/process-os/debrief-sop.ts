import type { DebriefReport } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { debriefRuns } from '../analysis/debrief-runs.js';
import { withCandidateStatus, type SopUpdateCandidate } from './sop-update-candidates.js';
import { ServiceError } from '../service-error.js';
import { readSopRunSources } from './sop-run-records.js';
import type { ProcessContext } from './tenant-actor.js';

/** The SOP a learning view is about: its id, title and the version its process was read from. */
export interface LearningSubject { id: string; title: string; workflowId: string; versionId: string; semver: string }

export interface SopDebrief {
  sop: LearningSubject;
  /** The period asked for (ISO times; null when open). */
  period: { from: string | null; to: string | null };
  /** Finished runs of the SOP read (before the period is applied; the report's `runs` counts those in it). */
  runsRead: number;
  /** The analysis' report; its update candidates carry stable ids and their status. */
  report: Omit<DebriefReport, 'updateCandidates'> & { updateCandidates: SopUpdateCandidate[] };
}

/** ISO dates or times: runs that started at or after `from` and before `to`. */
export interface DebriefPeriod { from?: string; to?: string }

/** A debrief with the rows it was read from (the approval of a candidate applies it to that version). */
export interface SopDebriefWithSource extends SopDebrief { sopRow: SopRow; version: SopVersionRow; workflow: Workflow }

/**
 * The debrief of one SOP's finished runs that started in [from, to): adherence, classified
 * deviations, outcome correlations with Fisher's p, update candidates, against the current version.
 * A bad time is invalid_request naming the field; an SOP without finished runs is `empty`.
 */
export async function debriefSop(ctx: ProcessContext, sopId: string, period: DebriefPeriod = {}): Promise<SopDebrief> {
  const { sopRow: _sop, version: _version, workflow: _workflow, ...debrief } = await readSopDebrief(ctx, sopId, period);
  return debrief;
}

/** debriefSop with the SOP row, version row and workflow it read. */
export async function readSopDebrief(ctx: ProcessContext, sopId: string, period: DebriefPeriod = {}): Promise<SopDebriefWithSource> {
  const from = parsePeriodTime('from', period.from);
  const to = parsePeriodTime('to', period.to);
  if (from !== undefined && to !== undefined && Date.parse(from) >= Date.parse(to)) {
    throw new ServiceError('invalid_request', `from (${from}) must be before to (${to})`, { field: 'from' });
  }
  const { sop, version, workflow, sources } = await readSopRunSources(ctx, sopId);
  if (sources.length === 0) throw new ServiceError('empty', `SOP ${sop.id} has no finished runs yet`, { sopId: sop.id });
  const { report } = await debriefRuns(ctx, { workflow, sources, ...(from === undefined ? {} : { since: from }), ...(to === undefined ? {} : { until: to }) });
  const updateCandidates = await withCandidateStatus(ctx, sop.tenantId, sop.id, version.id, report.updateCandidates);
  return { sop: learningSubject(sop, version), period: { from: from ?? null, to: to ?? null }, runsRead: sources.length, report: { ...report, updateCandidates }, sopRow: sop, version, workflow };
}

/** The subject of a learning view from the SOP's rows. */
export function learningSubject(sop: { id: string; title: string; workflowId: string }, version: { id: string; semver: string }): LearningSubject {
  return { id: sop.id, title: sop.title, workflowId: sop.workflowId, versionId: version.id, semver: version.semver };
}

function parsePeriodTime(field: 'from' | 'to', value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ServiceError('invalid_request', `${field} must be an ISO date or time such as 2026-03-01 or 2026-03-01T08:00:00Z, not "${value}"`, { field });
  }
  return new Date(value).toISOString();
}
