/** Port: the time. Only the run loop and workers read it; decide gets the time as data. */
export interface Clock {
  now(): Date;
}

/** A clock tests and benchmarks move by hand, so timers fire without waiting. */
export interface SimulatedClock extends Clock {
  advance(ms: number): void;
  set(time: Date | string): void;
}

export function createSystemClock(): Clock {
  return { now: () => new Date() };
}

/** Starts at `start` (default 2026-01-01T00:00:00Z) and moves only when told. */
export function createSimulatedClock(start: Date | string = '2026-01-01T00:00:00.000Z'): SimulatedClock {
  let ms = new Date(start).getTime();
  return {
    now: () => new Date(ms),
    advance: (delta) => { ms += delta; },
    set: (time) => { ms = new Date(time).getTime(); },
  };
}
