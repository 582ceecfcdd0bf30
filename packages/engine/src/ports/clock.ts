/** Port: the time. Only the run loop and workers read it; decide gets the time as data. */
export interface Clock {
  now(): Date;
  /**
   * Calls `fn` once the clock reads `at` or later (soon after, when it already does); returns a
   * function that cancels the call. The run loop's in-process timers and step deadlines use it; a
   * pending alarm keeps the process alive (the run loop cancels them when it lets a run go).
   */
  setAlarm(at: Date, fn: () => void): () => void;
}

/** A clock tests and benchmarks move by hand, so timers fire without waiting. */
export interface SimulatedClock extends Clock {
  /** Moves the time on and rings the alarms now due, earliest first. */
  advance(ms: number): void;
  set(time: Date | string): void;
}

/** Longest delay setTimeout takes; longer alarms wait in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function createSystemClock(): Clock {
  return {
    now: () => new Date(),
    setAlarm(at, fn) {
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        const wait = at.getTime() - Date.now();
        timer = setTimeout(wait > MAX_TIMEOUT_MS ? arm : fn, Math.max(0, Math.min(wait, MAX_TIMEOUT_MS)));
      };
      arm();
      return () => clearTimeout(timer);
    },
  };
}

/** Starts at `start` (default 2026-01-01T00:00:00Z) and moves only when told. */
export function createSimulatedClock(start: Date | string = '2026-01-01T00:00:00.000Z'): SimulatedClock {
  let ms = new Date(start).getTime();
  let nextId = 0;
  const alarms = new Map<number, { at: number; fn: () => void }>();
  const ring = (): void => {
    const due = [...alarms.entries()].filter(([, a]) => a.at <= ms).sort(([ia, a], [ib, b]) => a.at - b.at || ia - ib);
    for (const [id, alarm] of due) {
      alarms.delete(id);
      alarm.fn();
    }
  };
  return {
    now: () => new Date(ms),
    advance: (delta) => { ms += delta; ring(); },
    set: (time) => { ms = new Date(time).getTime(); ring(); },
    setAlarm(at, fn) {
      const id = nextId++;
      alarms.set(id, { at: at.getTime(), fn });
      // Already due: rings on the next turn, never inside the caller.
      if (at.getTime() <= ms) setImmediate(() => { if (alarms.delete(id)) fn(); });
      return () => { alarms.delete(id); };
    },
  };
}
