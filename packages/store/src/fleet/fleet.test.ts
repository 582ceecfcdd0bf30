import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { RunEvent } from '@sopflow/engine';
import { answerFleetTasks } from './answer-fleet-tasks.js';
import { fleetWorkflow } from './fleet-workflow.js';
import { inBatches } from './in-batches.js';
import { openFleet, type Fleet, type FleetWorker } from './open-fleet.js';

// 3 `sopflow worker` processes on one PostgreSQL schema (build the CLI first: `npm run build`).
const RUNS = Number(process.env.SOPFLOW_FLEET_RUNS ?? 40);
const LEASE_MS = 3000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The cli steps done so far: the lines they appended. */
const linesWritten = (fleet: Fleet) => readFileSync(fleet.lines, 'utf8').split('\n').filter((l) => l !== '').length;

/**
 * Waits until at least `after` of the runs' 2 × RUNS cli steps are done (not all) and `victim` holds a lease on which a
 * step's process is alive, checked with the victim frozen (SIGSTOP), so the leases read are the ones it holds when the
 * fault lands; returns them (the victim is left stopped) with the cli steps done and runs completed then. Progress is
 * counted in cli steps, not completed runs: under load the people's answers lag, so runs can complete after every cli
 * step has already run, and a fault waiting for completed runs would find no step left in flight.
 */
async function freezeInFlight(fleet: Fleet, victim: FleetWorker, what: string, after: number): Promise<{ held: string[]; done: number; completed: number }> {
  for (;;) {
    const done = linesWritten(fleet);
    assert.ok(done < 2 * RUNS, `${what}: every cli step had run before the fault found one in flight`);
    if (done >= after) {
      victim.process.kill('SIGSTOP');
      const live = await fleet.liveLeasesOf(victim);
      if (live.length > 0) {
        const completed = (await fleet.store.listRuns()).filter((r) => r.status === 'completed').length;
        return { held: live.map((l) => l.runId), done, completed };
      }
      victim.process.kill('SIGCONT');
    }
    await sleep(40);
  }
}

describe('fleet on PostgreSQL (3 sopflow worker processes)', () => {
  it(`${RUNS} runs with parallel branches, timers, people and non-idempotent cli steps: a worker SIGKILLed and another SIGSTOPped past its lease while their steps are in flight; every run ends, every chain verifies, no cli step ran twice`, { timeout: 1_800_000 }, async () => {
    const began = performance.now();
    const fleet = await openFleet({ workflow: fleetWorkflow, leaseMs: LEASE_MS, concurrency: 2 });
    try {
      await fleet.cli(['users', 'add', 'olga', '--role', 'ops', '--os-user', userInfo().username]);
      const startedAt = performance.now();
      const [killed, paused, third] = [fleet.startWorker(), fleet.startWorker(), fleet.startWorker()];
      // Runs are started while the fleet works (two at a time, by the script's engine), so early runs end while later ones are still mid-step.
      let startError: unknown;
      const starting = inBatches(RUNS, 2, (i) => fleet.startRun({ tag: `r${i}` }));
      starting.catch((error: unknown) => { startError = error; });
      let startedAll = 0;
      starting.then(() => { startedAll = performance.now(); }, () => undefined);

      // The faults, while the people's script runs: SIGKILL one worker mid-step; then stop another mid-step for two lease lengths.
      const faults = (async () => {
        // Mid-way: a quarter of the cli steps done for the kill, half for the pause.
        const kill = await freezeInFlight(fleet, killed, 'SIGKILL', Math.max(1, Math.floor(RUNS / 2)));
        killed.process.kill('SIGKILL');
        const stop = await freezeInFlight(fleet, paused, 'SIGSTOP', RUNS);
        await sleep(2 * LEASE_MS);
        paused.process.kill('SIGCONT');
        return { kill, stop };
      })();
      let faultError: unknown;
      faults.catch((error: unknown) => { faultError = error; });

      const answered = new Set<string>();
      for (let round = 0; ; round++) {
        if (faultError !== undefined) throw faultError;
        if (startError !== undefined) throw startError;
        const gone = [paused, third].find((w) => w.exited());
        assert.equal(gone, undefined, `a worker the test did not stop exited:\n${gone?.log() ?? ''}`);
        const runs = await fleet.store.listRuns();
        if (runs.length === RUNS && runs.every((r) => r.status === 'completed')) break;
        await answerFleetTasks(fleet, answered);
        assert.ok(round < 6000, `the fleet did not finish: ${runs.filter((r) => r.status === 'completed').length}/${RUNS} runs completed`);
        await sleep(200);
      }
      await starting;
      const { kill, stop } = await faults;
      const finishedAt = performance.now();
      await paused.stop();
      await third.stop();
      // Printed by each worker as it stops: runs whose dead holder (the SIGKILLed worker, on this host) it took back at once.
      const tookOver = [paused, third].flatMap((w) => w.log().split('\n').filter((l) => l.startsWith('worker: took over run ')));

      // Each fault hit work in flight: the killed worker's steps were asked about; the paused one lost its runs and said so.
      const tasks = await fleet.store.listTasks();
      for (const runId of kill.held) {
        assert.ok(tasks.some((t) => t.runId === runId && t.kind === 'did-this-happen'), `run ${runId}, mid-step when its worker was killed, asked "did this happen?"`);
      }
      const lostLines = paused.log().split('\n').filter((l) => l.startsWith('worker: lost run '));
      for (const runId of stop.held) {
        assert.ok(lostLines.some((l) => l.includes(` ${runId} `)), `the resumed worker reports run ${runId} lost:\n${paused.log()}`);
      }

      const runs = await fleet.store.listRuns();
      assert.equal(runs.length, RUNS);
      const tagOf = new Map(await Promise.all(runs.map(async (r) => [r.id, ((await fleet.store.readEvents(r.id))[0]?.data as { inputs?: { tag?: string } }).inputs?.tag ?? ''] as const)));
      assert.deepEqual(runs.filter((r) => r.status !== 'completed'), [], 'every run completed');
      const audit = await fleet.store.verifyAuditChain();
      assert.equal(audit.ok, true, JSON.stringify(audit.breaks.slice(0, 3)));
      const written = readFileSync(fleet.lines, 'utf8').split('\n').filter((l) => l !== '');
      const counts = new Map<string, number>();
      for (const line of written) counts.set(line, (counts.get(line) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1);
      if (twice.length > 0) {
        // What the runs recorded, to tell a re-run the engine chose from a person's wrong "not done".
        const story = await Promise.all(twice.map(async ([line]) => {
          const run = runs.find((r) => (tagOf.get(r.id) ?? '') === line.split(':')[0]);
          const events = run === undefined ? [] : (await fleet.store.readEvents(run.id)).map((e) => e.data as RunEvent);
          return `${line}: ${events.map((e) => `${e.type}${'nodeId' in e ? ` ${e.nodeId}` : ''}${'decision' in e ? ` ${String(e.decision)}` : ''}`).join(', ')}`;
        }));
        assert.fail(`a non-idempotent step ran twice:\n${story.join('\n')}\nkilled held ${kill.held.join(', ')}; paused held ${stop.held.join(', ')}`);
      }
      assert.equal(counts.size, 2 * RUNS, 'every cli step ran once');
      let fired = 0;
      for (const run of runs) {
        const events = (await fleet.store.readEvents(run.id)).map((e) => e.data as RunEvent);
        const timers = events.filter((e) => e.type === 'TimerFired').length;
        assert.equal(timers, 1, `${run.id}: its timer fired once across the fleet`);
        fired += timers;
        assert.equal(events.filter((e) => e.type === 'StepCompleted' && e.nodeId === 'late').length, 1);
        for (const node of ['a', 'c']) assert.ok(events.filter((e) => e.type === 'StepCompleted' && e.nodeId === node).length <= 1, `${run.id}: ${node} completed once`);
      }
      const asked = tasks.filter((t) => t.kind === 'did-this-happen').length;
      const seconds = (ms: number) => (ms / 1000).toFixed(1);
      const cli = fleet.cliCost();
      process.stderr.write(`fleet: ${RUNS} runs on 3 workers (concurrency 2, lease ${LEASE_MS} ms) in ${seconds(finishedAt - startedAt)} s `
        + `(${seconds(performance.now() - began)} s with set-up; all started after ${seconds(startedAll - startedAt)} s; ${cli.calls} sopflow commands, ${seconds(cli.ms)} s summed); `
        + `SIGKILL after ${kill.done} cli steps and ${kill.completed} runs completed, holding ${kill.held.length} run(s) mid-step, ${tookOver.length} taken over at once; `
        + `SIGSTOP for ${2 * LEASE_MS} ms after ${stop.done} cli steps and ${stop.completed} runs, holding ${stop.held.length} mid-step, ${lostLines.length} reported lost on resume; `
        + `${asked} "did this happen?" answered from the file; ${written.length} cli lines, each once; ${fired} timers fired; audit ok over ${audit.eventsChecked} events\n`);
    } finally {
      await fleet.close();
    }
  });
});
