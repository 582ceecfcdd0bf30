import type { Clock } from '../ports/clock.js';

/** In-process timers of the runs this engine holds: each rings once at its timer row's due time. */
export interface RunAlarms {
  /** Rings `onDue(runId, timerId)` at `dueAt` (replacing an alarm of the same timer). */
  arm(runId: string, timerId: string, dueAt: string): void;
  disarm(runId: string, timerId: string): void;
  /** Drops every alarm of a run (its lease is let go: a worker fires its timers from the rows). */
  disarmRun(runId: string): void;
}

/**
 * Creates the alarms on the engine's clock. The durable timer rows stay the truth (a worker fires
 * them after a crash); the alarms only make a process that holds a run fire them on time, so
 * `sopflow run` without a separate worker still times a step out.
 */
export function createRunAlarms(clock: Clock, onDue: (runId: string, timerId: string) => void): RunAlarms {
  const byRun = new Map<string, Map<string, () => void>>();
  const disarm = (runId: string, timerId: string): void => {
    const alarms = byRun.get(runId);
    alarms?.get(timerId)?.();
    alarms?.delete(timerId);
    if (alarms?.size === 0) byRun.delete(runId);
  };
  return {
    arm(runId, timerId, dueAt) {
      disarm(runId, timerId);
      let alarms = byRun.get(runId);
      if (alarms === undefined) byRun.set(runId, (alarms = new Map()));
      alarms.set(timerId, clock.setAlarm(new Date(dueAt), () => {
        disarm(runId, timerId);
        onDue(runId, timerId);
      }));
    },
    disarm,
    disarmRun(runId) {
      for (const cancel of byRun.get(runId)?.values() ?? []) cancel();
      byRun.delete(runId);
    },
  };
}
