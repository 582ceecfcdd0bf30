import { createLogBuilder, type EventLog, type RawEvent } from './event-log.js';
import { LogReadError } from './log-read-error.js';

/**
 * Which events a reader keeps by their `lifecycle:transition`: `auto` (default) keeps complete
 * events only when the log has both `start` and `complete` values, and every event otherwise;
 * `complete` keeps events whose lifecycle is complete or absent; `all` keeps every event.
 */
export type LifecycleFilter = 'auto' | 'complete' | 'all';

/** The rule a reader applied, and why; carried on the log so every report can say it. */
export interface LifecycleRule {
  requested: LifecycleFilter;
  applied: 'complete' | 'all';
  /** One sentence: why this rule, e.g. "the log has both start and complete lifecycle values". */
  reason: string;
  /** Distinct lifecycle values in the file, in order of first appearance. */
  values: string[];
  eventsRead: number;
  eventsKept: number;
}

/** True for the filter names a reader accepts. */
export function isLifecycleFilter(value: string): value is LifecycleFilter {
  return value === 'auto' || value === 'complete' || value === 'all';
}

/** Pure; the rule `requested` resolves to for a log with these lifecycle values, with its reason. */
export function chooseLifecycleRule(requested: LifecycleFilter, values: readonly string[]): { applied: 'complete' | 'all'; reason: string } {
  const lower = new Set(values.map((v) => v.toLowerCase()));
  const listed = values.length === 0 ? 'no lifecycle values' : `lifecycle values ${values.join(', ')}`;
  if (requested === 'complete') return { applied: 'complete', reason: `--lifecycle complete was asked for (${listed})` };
  if (requested === 'all') return { applied: 'all', reason: `--lifecycle all was asked for (${listed})` };
  if (lower.has('start') && lower.has('complete')) return { applied: 'complete', reason: 'auto: the log has both start and complete lifecycle values' };
  return { applied: 'all', reason: `auto: the log does not have both start and complete lifecycle values (${listed}), so every event is kept` };
}

/**
 * Pure; applies the lifecycle filter to a log read with every event, and records the rule on it.
 * A log left with no events is refused with `EMPTY_LOG` saying why (`what` names the format).
 */
export function applyLifecycleRule(log: EventLog, requested: LifecycleFilter, what = 'log'): EventLog {
  const used = new Uint8Array(log.lifecycles.length);
  let eventsRead = 0;
  for (const c of log.cases) {
    eventsRead += c.lifecycles.length;
    for (const l of c.lifecycles) if (l >= 0) used[l] = 1;
  }
  const values = log.lifecycles.filter((_, i) => used[i] === 1);
  const { applied, reason } = chooseLifecycleRule(requested, values);
  const keep = log.lifecycles.map((name) => applied === 'all' || name.toLowerCase() === 'complete');
  const kept = applied === 'all' || keep.every(Boolean) ? log : keepEvents(log, keep);
  let eventsKept = 0;
  for (const c of kept.cases) eventsKept += c.activities.length;
  if (eventsKept === 0) {
    const why = eventsRead === 0
      ? `${what} has ${log.cases.length} trace${log.cases.length === 1 ? '' : 's'} but no events`
      : `${what} has ${eventsRead} events but none is kept: ${reason}; --lifecycle complete keeps only events whose lifecycle is complete or absent (use --lifecycle all or auto)`;
    throw new LogReadError('EMPTY_LOG', why);
  }
  return { ...kept, lifecycleRule: { requested, applied, reason, values, eventsRead, eventsKept } };
}

/** One line for reports: "lifecycle: complete events only (auto: …); 42 of 84 events kept". */
export function describeLifecycleRule(rule: LifecycleRule): string {
  const what = rule.applied === 'complete' ? 'complete events only' : 'every event';
  return `lifecycle: ${what} (${rule.reason}); ${rule.eventsKept} of ${rule.eventsRead} events kept`;
}

/** Rebuilds the log from the kept events, so ids are interned in first-kept order as a filtering reader would. */
function keepEvents(log: EventLog, keep: readonly boolean[]): EventLog {
  const builder = createLogBuilder({ keepAttributes: log.cases.some((c) => c.eventAttributes !== undefined) });
  for (const c of log.cases) {
    const events: RawEvent[] = [];
    for (let i = 0; i < c.activities.length; i++) {
      const l = c.lifecycles[i];
      if (l >= 0 && !keep[l]) continue;
      events.push({
        activity: log.activities[c.activities[i]],
        timestamp: c.timestamps[i],
        ...(c.resources[i] >= 0 ? { resource: log.resources[c.resources[i]] } : {}),
        ...(l >= 0 ? { lifecycle: log.lifecycles[l] } : {}),
        ...(c.eventAttributes ? { attributes: { ...c.eventAttributes[i] } } : {}),
      });
    }
    builder.addCase({ id: c.id, attributes: { ...c.attributes }, events });
  }
  return builder.build();
}
