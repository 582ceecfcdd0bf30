import type { EngineCore } from './create-engine.js';
import { settleRun } from './create-engine.js';

export interface DrainReport {
  /** Runs that had steps in flight when the drain began (their results recorded, or cut short). */
  runs: string[];
  /** Steps still running when the grace ran out: their process groups were killed and no result recorded. */
  interrupted: { runId: string; nodeId: string }[];
}

/**
 * Stops the engine starting steps (decisions are still recorded; new steps stay ready for a
 * worker), lets the steps in flight finish and record their results for up to `graceMs`, then
 * aborts the rest — the cli executor kills their process groups — and waits for them to return.
 * Leases are released by the calls that took them as they finish. The engine starts nothing afterwards.
 */
export async function drainEngine(core: EngineCore, graceMs: number): Promise<DrainReport> {
  core.draining = true;
  const runs = busyRuns(core);
  const settled = settleAll(core).then(() => true);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), Math.max(0, graceMs)); });
  const inTime = await Promise.race([settled, graceOver]);
  if (timer !== undefined) clearTimeout(timer);
  const interrupted: DrainReport['interrupted'] = [];
  if (!inTime) {
    for (const [key, controller] of core.aborts) {
      core.interrupted.add(key);
      const [runId, nodeId] = key.split(':');
      interrupted.push({ runId, nodeId });
      controller.abort(new Error('INTERRUPTED'));
    }
    await settleAll(core);
  }
  return { runs, interrupted };
}

function busyRuns(core: EngineCore): string[] {
  return [...core.inflight.entries()].filter(([, set]) => set.size > 0).map(([runId]) => runId);
}

async function settleAll(core: EngineCore): Promise<void> {
  for (;;) {
    const busy = busyRuns(core);
    if (busy.length === 0) return;
    for (const runId of busy) await settleRun(core, runId);
  }
}
