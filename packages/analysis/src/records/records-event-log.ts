import type { EventLog, RawCase } from '../log/event-log.js';
import { createLogBuilder } from '../log/event-log.js';
import type { ActivityKey } from './record-events.js';
import { activityOf } from './record-events.js';
import type { RunRecord } from './run-record.js';
import { createRunRecord, createStepRecord, executedSteps, toEpochMs } from './run-record.js';

/**
 * Pure; runs as the mining event log (case = run, activity = node id / name / activity label,
 * resource = role, else performer; lifecycle complete; timestamp = end, else start, else NaN).
 * Steps that did not run (skipped, blocked) are left out. Case attributes: workflow id, version,
 * status, outcome and team when present.
 */
export function recordsToEventLog(records: readonly RunRecord[], options: { activityKey?: ActivityKey } = {}): EventLog {
  const builder = createLogBuilder();
  for (const record of records) {
    const attributes: Record<string, string> = { workflow: record.workflowId, status: record.status };
    if (record.workflowVersion !== undefined) attributes.version = record.workflowVersion;
    if (record.outcome !== undefined) attributes.outcome = record.outcome;
    if (record.team !== undefined) attributes.team = record.team;
    const raw: RawCase = {
      id: record.runId,
      attributes,
      events: executedSteps(record).map((step) => ({
        activity: activityOf(step, options.activityKey ?? 'activity'),
        timestamp: toEpochMs(step.endedAt) ?? toEpochMs(step.startedAt) ?? Number.NaN,
        ...(step.role ?? step.resource ? { resource: step.role ?? step.resource } : {}),
        lifecycle: 'complete',
      })),
    };
    builder.addCase(raw);
  }
  return builder.build();
}

/** Pure; an event log's cases as RunRecords (activity → node id and activity, resource → role; one step per event). */
export function eventLogToRecords(log: EventLog, options: { workflowId?: string } = {}): RunRecord[] {
  return log.cases.map((c) => {
    const steps = Array.from(c.activities, (activity, i) => {
      const t = c.timestamps[i];
      const resource = c.resources[i] >= 0 ? log.resources[c.resources[i]] : undefined;
      const name = log.activities[activity];
      return createStepRecord({ nodeId: name, activity: name, ...(resource === undefined ? {} : { role: resource }), ...(Number.isNaN(t) ? {} : { endedAt: new Date(t).toISOString() }) });
    });
    const seen = new Map<string, number>();
    for (const s of steps) {
      s.attempt = (seen.get(s.nodeId) ?? 0) + 1;
      seen.set(s.nodeId, s.attempt);
    }
    return createRunRecord({
      runId: c.id, workflowId: c.attributes.workflow ?? options.workflowId ?? 'event-log', steps,
      ...(c.attributes.outcome === undefined ? {} : { outcome: c.attributes.outcome }),
      ...(c.attributes.team === undefined ? {} : { team: c.attributes.team }),
      ...(steps.length > 0 && steps[0].endedAt ? { startedAt: steps[0].endedAt, endedAt: steps[steps.length - 1].endedAt } : {}),
    });
  });
}
