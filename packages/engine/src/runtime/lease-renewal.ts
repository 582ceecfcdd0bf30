import type { EngineCore } from './create-engine.js';

/**
 * Renews the leases of the runs an engine holds every third of the TTL, so a long step does not
 * let another worker take its run over — and gives a run up (`loseRun`) when the store says another
 * owner holds it, or when no renewal has succeeded for half the TTL (a lost connection, a paused
 * process): the engine stops acting on the run before the lease can expire and another worker be
 * granted it. Returns the function that stops the renewals.
 */
export function startLeaseRenewal(core: EngineCore): () => void {
  // Ticks at a sixth of the TTL: renewals go out every third, and a run is given up at most a sixth after half the TTL passed unrenewed.
  const tick = Math.max(25, Math.floor(core.ttl / 6));
  const renewEvery = Math.max(50, Math.floor(core.ttl / 3));
  const giveUpAfter = core.ttl / 2;
  const pending = new Set<string>();
  const timer = setInterval(() => {
    const now = performance.now();
    for (const runId of [...core.held]) {
      const last = core.renewedAt.get(runId) ?? now;
      if (now - last > giveUpAfter) {
        core.loseRun(runId, `its lease was not renewed for ${Math.round(now - last)} ms (more than half its ${core.ttl} ms TTL)`);
        continue;
      }
      if (pending.has(runId) || now - last < renewEvery) continue;
      pending.add(runId);
      core.store.acquireLease(runId, core.holder, core.clock.now(), core.ttl, core.childrenOf(runId)).then((kept) => {
        if (!core.held.has(runId)) return;
        if (kept) core.renewedAt.set(runId, Math.max(core.renewedAt.get(runId) ?? 0, now));
        else core.loseRun(runId, 'another worker holds its lease');
      }, () => undefined).finally(() => pending.delete(runId));
    }
  }, tick);
  timer.unref();
  return () => clearInterval(timer);
}
