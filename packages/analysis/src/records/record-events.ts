import type { RunRecord, StepRecord } from './run-record.js';
import { createRunRecord, createStepRecord, executedSteps, toEpochMs } from './run-record.js';

/**
 * One event of a flat event log (XES/CSV shape): case = run, activity = node id / name /
 * activity label, resource = role (or the performer when no role), lifecycle = complete.
 */
export interface RecordEvent {
  caseId: string;
  activity: string;
  /** Epoch milliseconds of the step's completion (or start when it never ended). */
  timestamp?: number;
  /** Epoch milliseconds of the step's start, when recorded. */
  startTimestamp?: number;
  resource?: string;
  lifecycle: 'complete';
  attributes: Record<string, unknown>;
}

export type ActivityKey = 'activity' | 'nodeId' | 'name';

export interface RecordsToEventsOptions {
  /** Which step field becomes the activity (default `activity`, which is the node id unless a transcript set it). */
  activityKey?: ActivityKey;
}

/** Pure; the records as a flat list of events (one per step that ran), in case then time order. */
export function recordsToEvents(records: readonly RunRecord[], options: RecordsToEventsOptions = {}): RecordEvent[] {
  const key = options.activityKey ?? 'activity';
  const events: RecordEvent[] = [];
  for (const record of records) {
    for (const step of executedSteps(record)) {
      const end = toEpochMs(step.endedAt);
      const start = toEpochMs(step.startedAt);
      events.push({
        caseId: record.runId,
        activity: activityOf(step, key),
        timestamp: end ?? start,
        startTimestamp: start,
        resource: step.role ?? step.resource,
        lifecycle: 'complete',
        attributes: {
          nodeId: step.nodeId, status: step.status, attempt: step.attempt,
          ...(step.resource === undefined ? {} : { performer: step.resource }),
          ...(record.workflowVersion === undefined ? {} : { workflowVersion: record.workflowVersion }),
        },
      });
    }
  }
  return events;
}

/** Pure; the label of a step under a given activity key (falls back to the node id). */
export function activityOf(step: StepRecord, key: ActivityKey = 'activity'): string {
  switch (key) {
    case 'activity': return step.activity;
    case 'nodeId': return step.nodeId;
    case 'name': return step.name ?? step.nodeId;
  }
}

export interface EventsToRecordsOptions {
  workflowId?: string;
}

/**
 * Pure; groups flat events by case into RunRecords (activity → node id and activity, resource →
 * role). Events are ordered by timestamp within a case (stable for ties); the run's start and end
 * are its first and last event.
 */
export function eventsToRecords(events: readonly RecordEvent[], options: EventsToRecordsOptions = {}): RunRecord[] {
  const byCase = new Map<string, RecordEvent[]>();
  for (const event of events) {
    const list = byCase.get(event.caseId) ?? [];
    list.push(event);
    byCase.set(event.caseId, list);
  }
  const records: RunRecord[] = [];
  for (const [caseId, caseEvents] of byCase) {
    const ordered = caseEvents.map((e, i) => ({ e, i })).sort((a, b) => (a.e.timestamp ?? 0) - (b.e.timestamp ?? 0) || a.i - b.i).map(({ e }) => e);
    const seen = new Map<string, number>();
    const steps = ordered.map((e) => {
      const attempt = (seen.get(e.activity) ?? 0) + 1;
      seen.set(e.activity, attempt);
      const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
      return createStepRecord({
        nodeId: e.activity, activity: e.activity, role: e.resource, attempt,
        startedAt: iso(e.startTimestamp ?? e.timestamp), endedAt: iso(e.timestamp),
      });
    });
    records.push(createRunRecord({
      runId: caseId, workflowId: options.workflowId ?? 'event-log', steps,
      startedAt: steps[0]?.startedAt, endedAt: steps[steps.length - 1]?.endedAt,
    }));
  }
  return records;
}
