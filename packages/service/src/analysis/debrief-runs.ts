import { randomBytes } from 'node:crypto';
import type { DebriefReport, InstitutionalMemory } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

export interface DebriefRunsInput {
  workflow: Workflow;
  sources: readonly RecordSource[];
  /** ISO date or time: leave out runs that started before it. */
  since?: string;
  /** ISO date or time: leave out runs that started at or after it. */
  until?: string;
  /** Group the figures: `team`. */
  by?: string;
  /** The institutional memory so far (its JSON text, and a name for messages); the report carries the merged memory. */
  memory?: { name: string; text: string };
  /** Approve this update candidate (e.g. `uc-1`): the result carries the new draft version. */
  approve?: string;
  /** Also return the runs in the window anonymised (names, ids and free text hashed or dropped), as `.osoplog` texts. */
  anonymise?: boolean;
  eventLog?: EventLogOptions;
}

export interface DebriefRunsResult {
  report: DebriefReport;
  /** The approved candidate and the new draft version (never written over the process). */
  approved?: { id: string; title: string; workflow: Workflow; text: string };
  /** Anonymised runs as `.osoplog` YAML, in record order. */
  anonymised?: string[];
}

/**
 * The shift debrief: adherence, classified deviations, outcome correlation, update candidates
 * awaiting approval, institutional memory; optionally approves one candidate into a new draft and
 * anonymises the runs. Bad times or grouping are `invalid_request`; a memory of another process
 * `invalid_input`; an unknown candidate `not_found`; one that cannot be applied `conflict`.
 */
export async function debriefRuns(ctx: RecordsContext, input: DebriefRunsInput): Promise<DebriefRunsResult> {
  const since = parseTime('--since', input.since);
  const until = parseTime('--until', input.until);
  if (input.by !== undefined && input.by !== 'team') throw new ServiceError('invalid_request', `--by must be team, not "${input.by}"`);
  const { workflow } = input;
  const memory = input.memory === undefined ? undefined : parseMemory(input.memory, workflow.id);
  const { records } = await readRunRecords(ctx, input.sources, input.eventLog === undefined ? {} : { eventLog: input.eventLog });
  const analysis = await import('@sopflow/analysis');
  const report = analysis.debrief(workflow, records, { since, until, ...(input.by === 'team' ? { by: 'team' as const } : {}), memory });
  const result: DebriefRunsResult = { report };
  if (input.approve !== undefined) {
    const candidate = report.updateCandidates.find((c) => c.id === input.approve);
    if (candidate === undefined) {
      const known = report.updateCandidates.map((c) => c.id).join(', ') || 'none';
      throw new ServiceError('not_found', `no update candidate "${input.approve}" in this debrief (candidates: ${known})`);
    }
    const approved = analysis.approveUpdateCandidate(workflow, candidate);
    if (approved.workflow === undefined) {
      throw new ServiceError('conflict', `${candidate.id} cannot be applied: ${approved.diagnostics.map((d) => d.message).join('; ')}`, { diagnostics: approved.diagnostics });
    }
    const { stringifyWorkflow } = await import('@sopflow/format');
    result.approved = { id: candidate.id, title: candidate.title, workflow: approved.workflow, text: stringifyWorkflow(approved.workflow) };
  }
  if (input.anonymise === true) {
    // The salt lives only in this call: pseudonyms line up within the export and cannot be reversed later.
    const salt = randomBytes(16).toString('hex');
    const inWindow = records.filter((r) => inTimeWindow(r.startedAt, since, until));
    result.anonymised = analysis.anonymise(inWindow, { salt }).map((record) => analysis.serialiseOsoplog(record, 'yaml'));
  }
  return result;
}

function parseTime(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new ServiceError('invalid_request', `${option} must be an ISO date or time such as 2026-03-01 or 2026-03-01T08:00:00Z, not "${value}"`);
  }
  return new Date(value).toISOString();
}

function inTimeWindow(startedAt: string | undefined, since: string | undefined, until: string | undefined): boolean {
  if (since === undefined && until === undefined) return true;
  const t = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  if (Number.isNaN(t)) return false;
  return (since === undefined || t >= Date.parse(since)) && (until === undefined || t < Date.parse(until));
}

function parseMemory(memory: { name: string; text: string }, workflowId: string): InstitutionalMemory {
  let value: unknown;
  try {
    value = JSON.parse(memory.text);
  } catch (err) {
    throw new ServiceError('invalid_input', `${memory.name}: not a JSON institutional memory (${(err as Error).message})`);
  }
  const parsed = value as Partial<InstitutionalMemory> | null;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.workflowId !== 'string' || !Array.isArray(parsed.entries)) {
    throw new ServiceError('invalid_input', `${memory.name}: an institutional memory needs "workflowId" and "entries"`);
  }
  if (parsed.workflowId !== workflowId) {
    throw new ServiceError('invalid_input', `${memory.name} is the memory of process "${parsed.workflowId}", not "${workflowId}"`);
  }
  return parsed as InstitutionalMemory;
}
