/**
 * The event log model: cases with ordered events, built for large logs. Activity, resource and
 * lifecycle names are interned to integer ids; each case stores its events column-wise in typed arrays.
 */
import type { LifecycleRule } from './lifecycle-rule.js';

export interface LogCase {
  readonly id: string;
  /** Activity id per event (index into `EventLog.activities`). */
  readonly activities: Int32Array;
  /** Milliseconds since the epoch per event; NaN when the event has no timestamp. */
  readonly timestamps: Float64Array;
  /** Resource id per event (index into `EventLog.resources`), -1 when absent. */
  readonly resources: Int32Array;
  /** Lifecycle id per event (index into `EventLog.lifecycles`), -1 when absent. */
  readonly lifecycles: Int32Array;
  /** Case-level attributes (other than the case id). */
  readonly attributes: Readonly<Record<string, string>>;
  /** Other event attributes, only kept when the reader was asked to keep them. */
  readonly eventAttributes?: ReadonlyArray<Readonly<Record<string, string>>>;
}

export interface EventLog {
  readonly activities: readonly string[];
  readonly resources: readonly string[];
  readonly lifecycles: readonly string[];
  readonly cases: readonly LogCase[];
  /** Set by the readers: which lifecycle events were kept, and why. */
  readonly lifecycleRule?: LifecycleRule;
}

/** One event as a reader hands it to the builder. */
export interface RawEvent {
  activity: string;
  timestamp: number;
  resource?: string;
  lifecycle?: string;
  attributes?: Record<string, string>;
}

/** A raw case: id, case attributes and its events in file order. */
export interface RawCase {
  id: string;
  attributes: Record<string, string>;
  events: RawEvent[];
}

/** Interns names to dense integer ids. */
export interface Interner {
  readonly names: string[];
  idOf(name: string): number;
}

export function createInterner(initial: readonly string[] = []): Interner {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const idOf = (name: string): number => {
    let id = ids.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      ids.set(name, id);
    }
    return id;
  };
  for (const n of initial) idOf(n);
  return { names, idOf };
}

/** Accumulates raw cases into an EventLog; `sortByTime` orders events of a case by timestamp (stable). */
export interface LogBuilder {
  addCase(raw: RawCase): void;
  build(): EventLog;
}

export function createLogBuilder(options: { sortByTime?: boolean; keepAttributes?: boolean } = {}): LogBuilder {
  const activities = createInterner();
  const resources = createInterner();
  const lifecycles = createInterner();
  const cases: LogCase[] = [];
  return {
    addCase(raw) {
      let events = raw.events;
      if (options.sortByTime && events.some((e, i) => i > 0 && e.timestamp < events[i - 1].timestamp)) {
        events = events
          .map((e, i) => ({ e, i }))
          .sort((a, b) => compareTime(a.e.timestamp, b.e.timestamp) || a.i - b.i)
          .map((x) => x.e);
      }
      const n = events.length;
      const acts = new Int32Array(n);
      const times = new Float64Array(n);
      const res = new Int32Array(n);
      const life = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const e = events[i];
        acts[i] = activities.idOf(e.activity);
        times[i] = e.timestamp;
        res[i] = e.resource === undefined ? -1 : resources.idOf(e.resource);
        life[i] = e.lifecycle === undefined ? -1 : lifecycles.idOf(e.lifecycle);
      }
      cases.push({
        id: raw.id,
        activities: acts,
        timestamps: times,
        resources: res,
        lifecycles: life,
        attributes: raw.attributes,
        eventAttributes: options.keepAttributes ? events.map((e) => e.attributes ?? {}) : undefined,
      });
    },
    build() {
      return { activities: activities.names, resources: resources.names, lifecycles: lifecycles.names, cases };
    },
  };
}

function compareTime(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return 0;
  return a - b;
}

/** Total number of events in the log. */
export function countEvents(log: EventLog): number {
  let n = 0;
  for (const c of log.cases) n += c.activities.length;
  return n;
}
