let last = 0;

/**
 * The epoch a new lease grant proposes: the time in ms (`nowMs`, else the clock), but strictly above every epoch this process proposed
 * before. A released lease's row is deleted with its epoch, so without this a run given back and taken again by
 * the same owner within one millisecond got its old epoch back, and a write under the old grant passed the fence
 * (fences compare owner and epoch; owners are per engine, so one process's counter is enough).
 */
export function nextLeaseEpoch(nowMs: number = Date.now()): number {
  last = Math.max(nowMs, last + 1);
  return last;
}
