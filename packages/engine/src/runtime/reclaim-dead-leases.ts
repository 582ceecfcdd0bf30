import type { ChildProcessRef, LeaseHolder, LeaseRow, WorkQueue } from '../ports/run-store.js';
import { leaseHealth } from './lease-holder.js';
import { isProcessAlive, processGroupMembers, processGroupsWithEnvironment, processStartTime, signalProcessGroup } from './process-liveness.js';

/** Set on every step process an engine starts, to its lease owner: finds a dead worker's steps whose group never reached its lease. */
export const STEP_HOLDER_ENV = 'SOPFLOW_STEP_HOLDER';

export interface ReclaimReport {
  /** Leases of dead holders on this host, now removed: their runs can be claimed at once. */
  reclaimed: LeaseRow[];
  /** Process groups of those holders' steps that were still running and were killed. */
  killedGroups: number[];
  /** Dead holders' leases left in place because a step's process group would not die. */
  stuck: { lease: LeaseRow; message: string }[];
}

const GROUP_EXIT_WAIT_MS = 5000;

/**
 * Takes leases back from dead holders on this host without waiting for their expiry: kills the
 * process groups their steps left running (waiting until they are gone, so a step is never
 * reported "did this happen?" while it still runs), then breaks the lease. Holders on other hosts
 * are left to their TTL.
 */
export async function reclaimDeadLeases(queue: WorkQueue, here: LeaseHolder, now: Date, runIds?: readonly string[]): Promise<ReclaimReport> {
  const report: ReclaimReport = { reclaimed: [], killedGroups: [], stuck: [] };
  const leases = await queue.listLeases(runIds);
  for (const lease of leases) {
    if (lease.owner === here.owner || lease.host !== here.host) continue;
    if (leaseHealth(lease, now, here).state !== 'dead-owner') continue;
    const survivors: number[] = [];
    // A step spawned just before the holder died may not be on the lease yet; its environment names the holder.
    const recorded = new Set(lease.children.map((child) => child.pid));
    const unrecorded = processGroupsWithEnvironment(STEP_HOLDER_ENV, lease.owner).filter((pgid) => !recorded.has(pgid))
      .map((pid) => ({ pid, startedAt: processStartTime(pid) ?? 0 }));
    for (const child of [...lease.children, ...unrecorded]) {
      const outcome = await killOrphanedGroup(child);
      if (outcome === 'killed') report.killedGroups.push(child.pid);
      if (outcome === 'survived') survivors.push(child.pid);
    }
    if (survivors.length > 0) {
      report.stuck.push({ lease, message: `process group ${survivors.join(', ')} of run ${lease.runId} would not die; the run is left to its lease` });
      continue;
    }
    if (await queue.breakLease(lease.runId, lease.owner)) report.reclaimed.push(lease);
  }
  return report;
}

/** Kills a dead worker's step process group if it still has members (and its leader pid was not reused). */
async function killOrphanedGroup(child: ChildProcessRef): Promise<'gone' | 'killed' | 'survived' | 'reused'> {
  if (isProcessAlive(child.pid) && !isProcessAlive(child.pid, child.startedAt)) return 'reused';
  if (processGroupMembers(child.pid).length === 0) return 'gone';
  signalProcessGroup(child.pid, 'SIGKILL');
  for (let waited = 0; waited < GROUP_EXIT_WAIT_MS; waited += 20) {
    if (processGroupMembers(child.pid).length === 0) return 'killed';
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return 'survived';
}
