import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { RunEvent } from '@sopflow/engine';
import { queryTestServer } from '../test-support/postgres-test-schema.js';
import { answerFleetTasks } from './answer-fleet-tasks.js';
import { fleetWorkflow } from './fleet-workflow.js';
import { inBatches } from './in-batches.js';
import { openFleet } from './open-fleet.js';

// Opt-in: it restarts the local PostgreSQL cluster, which every other test on this machine shares.
const ENABLED = process.env.SOPFLOW_TEST_PG_RESTART === '1';
const RUNS = 20;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `pg_ctlcluster --skip-systemctl-redirect <version> main ACTION` on the local cluster. */
function pgCluster(action: 'restart' | 'start'): void {
  const [version] = readdirSync('/etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], { stdio: 'pipe', timeout: 120_000 });
}

async function postmasterStart(): Promise<string> {
  return String((await queryTestServer('SELECT pg_postmaster_start_time()::text AS t')).rows[0].t);
}

describe('a PostgreSQL restart mid-run (SOPFLOW_TEST_PG_RESTART=1)', { skip: ENABLED ? false : 'restarts the shared local server: set SOPFLOW_TEST_PG_RESTART=1' }, () => {
  it(`${RUNS} runs on 3 sopflow workers: the server restarts while steps are in flight; the workers reconnect and finish every run as without the restart — no event lost or duplicated, every chain verifies, no cli step ran twice`, { timeout: 900_000 }, async () => {
    const began = performance.now();
    const fleet = await openFleet({ workflow: fleetWorkflow, leaseMs: 10_000, concurrency: 2 });
    try {
      await fleet.cli(['users', 'add', 'olga', '--role', 'ops', '--os-user', userInfo().username]);
      await inBatches(RUNS, 2, (i) => fleet.startRun({ tag: `r${i}` }));
      const workers = [fleet.startWorker(), fleet.startWorker(), fleet.startWorker()];
      const answered = new Set<string>();

      // Restart once some run is completed and some worker holds a run with a step in flight.
      const startBefore = await postmasterStart();
      let restart: { completed: number; inFlight: number; ms: number } | undefined;
      for (let round = 0; ; round++) {
        assert.ok(round < 3000, 'the fleet did not finish');
        let runs;
        try {
          runs = await fleet.store.listRuns();
        } catch {
          await sleep(200);
          continue;
        }
        const completed = runs.filter((r) => r.status === 'completed').length;
        if (completed === RUNS) break;
        if (restart === undefined && completed > 0) {
          const inFlight = (await Promise.all(workers.map((w) => fleet.liveLeasesOf(w)))).flat().length;
          if (inFlight > 0) {
            const at = performance.now();
            pgCluster('restart');
            restart = { completed, inFlight, ms: performance.now() - at };
            continue;
          }
        }
        await answerFleetTasks(fleet, answered).catch(() => undefined);
        await sleep(restart === undefined ? 50 : 200);
      }
      assert.ok(restart !== undefined, 'every run completed before the restart found a step in flight');
      assert.notEqual(await postmasterStart(), startBefore, 'the server was restarted');
      for (const worker of workers) await worker.stop();
      const storeErrors = workers.flatMap((w) => w.log().split('\n').filter((l) => l.startsWith('worker: store error')));
      const lost = workers.flatMap((w) => w.log().split('\n').filter((l) => l.startsWith('worker: lost run')));

      const runs = await fleet.store.listRuns();
      assert.deepEqual(runs.filter((r) => r.status !== 'completed'), [], 'every run completed');
      for (const run of runs) {
        const stored = await fleet.store.readEvents(run.id);
        assert.deepEqual(stored.map((e) => e.seq), stored.map((_, i) => i + 1), `${run.id}: events contiguous, none lost`);
        const events = stored.map((e) => e.data as RunEvent);
        for (const node of ['a', 'c', 'review', 'late']) {
          assert.equal(events.filter((e) => e.type === 'StepCompleted' && e.nodeId === node).length, 1, `${run.id}: ${node} completed once`);
        }
        assert.equal(events.filter((e) => e.type === 'TimerFired').length, 1, `${run.id}: its timer fired once`);
        assert.equal(events.filter((e) => e.type === 'RunCompleted').length, 1, `${run.id}: ended once`);
      }
      const audit = await fleet.store.verifyAuditChain();
      assert.equal(audit.ok, true, JSON.stringify(audit.breaks.slice(0, 3)));
      const written = readFileSync(fleet.lines, 'utf8').split('\n').filter((l) => l !== '');
      assert.equal(new Set(written).size, written.length, 'no cli step ran twice');
      assert.equal(written.length, 2 * RUNS, 'every cli step ran');
      process.stderr.write(`postgres restart: ${RUNS} runs, restarted (${(restart.ms / 1000).toFixed(1)} s) after ${restart.completed} completed with ${restart.inFlight} step(s) in flight; `
        + `${storeErrors.length} store errors retried, ${lost.length} run(s) given up and taken again; audit ok over ${audit.eventsChecked} events; ${((performance.now() - began) / 1000).toFixed(1)} s\n`);
    } finally {
      // Leave the server running whatever happened.
      try {
        await queryTestServer('SELECT 1');
      } catch {
        pgCluster('start');
      }
      await fleet.close();
    }
  });
});
