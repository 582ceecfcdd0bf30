import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore } from '@sopflow/store';
import {
  createCliExecutor, createEngine, currentLeaseHolder, isHolderAlive, isProcessAlive, leaseHealth, parseWorkflowSource, processGroupMembers,
  runWorker, type LeaseRow, type RunEvent, type StepExecutor,
} from '../index.js';
import { LONG_STEP_WORKFLOW } from '../../test-support/long-step-workflow.js';
import { sleep, until } from '../../test-support/until.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sopflow-lease-'));

const LONG = parseWorkflowSource(LONG_STEP_WORKFLOW);
const GATED = parseWorkflowSource(`osop_version: "1.1"
id: gated
name: Gated
nodes:
  - { id: work, type: agent, idempotent: false }
`);

/** An executor whose steps finish when the test says so (a step in flight, held by a live engine). */
function gatedExecutor(): { executor: StepExecutor; open: () => void; started: Promise<void> } {
  let open!: () => void;
  let started!: () => void;
  const gate = new Promise<void>((resolve) => { open = resolve; });
  const startedPromise = new Promise<void>((resolve) => { started = resolve; });
  return {
    executor: { handles: ['agent'], execute: async () => { started(); await gate; return { status: 'completed', output: { ok: true } }; } },
    open, started: startedPromise,
  };
}

function lease(over: Partial<LeaseRow>): LeaseRow {
  return { runId: 'r-1', owner: 'w', host: hostname(), pid: process.pid, processStartedAt: currentLeaseHolder('x').processStartedAt, expiresAt: Date.now() + 10_000, children: [], ...over };
}

describe('lease holders', () => {
  it('tells a live holder from a dead pid, a reused pid and a holder on another host', () => {
    const here = currentLeaseHolder('me');
    assert.equal(isHolderAlive(here, here), true);
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(exited.stdout);
    assert.equal(isHolderAlive({ ...here, owner: 'gone', pid: deadPid }, here), false);
    // This process's pid, but a process that started an hour earlier: the pid was reused.
    assert.equal(isHolderAlive({ ...here, owner: 'old', pid: process.pid, processStartedAt: here.processStartedAt - 3_600_000 }, here), false);
    assert.equal(isHolderAlive({ ...here, owner: 'far', host: 'some-other-host', pid: deadPid }, here), undefined);
    assert.equal(isHolderAlive({ ...here, owner: 'legacy', host: '', pid: 0 }, here), undefined);
  });

  it('classifies leases as held, dead-owner or expired, with a sentence naming the holder', () => {
    const here = currentLeaseHolder('me');
    const now = new Date();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const gone = leaseHealth(lease({ pid: Number(dead.stdout) }), now, here);
    assert.equal(gone.state, 'dead-owner');
    assert.match(gone.sentence, new RegExp(`held by worker pid ${dead.stdout} on host ${hostname()}, which is gone — run \`sopflow worker --until-idle\``));
    assert.equal(leaseHealth(lease({}), now, here).state, 'held');
    assert.equal(leaseHealth(lease({ host: 'elsewhere', expiresAt: now.getTime() - 1 }), now, here).state, 'expired');
    assert.match(leaseHealth(lease({ host: 'elsewhere' }), now, here).sentence, /held by worker pid \d+ on host elsewhere until .*another host takes the run over once the lease expires/);
  });
});

describe('worker --until-idle', () => {
  it('does not report idle while a live worker holds a runnable run: it waits, then names the run and its holder', { timeout: 60_000 }, async () => {
    const db = join(tmp(), 'held.db');
    const storeA = await createSqliteStore(db);
    const storeB = await createSqliteStore(db);
    const gated = gatedExecutor();
    const engineA = createEngine({ store: storeA, executors: [gated.executor], owner: 'A' });
    const runId = await engineA.startRun(GATED, {}, { detach: true });
    const workerA = runWorker({ engine: engineA, store: storeA, untilIdle: true });
    await gated.started;
    const engineB = createEngine({ store: storeB, executors: [gatedExecutor().executor], owner: 'B' });
    const report = await runWorker({ engine: engineB, store: storeB, untilIdle: true, maxWaitMs: 300, pollMs: 20 });
    assert.equal(report.runsHandled, 0);
    assert.deepEqual(report.heldElsewhere.map((h) => [h.runId, h.holder.owner, h.holder.pid]), [[runId, 'A', process.pid]]);
    assert.match(report.heldElsewhere[0].sentence, /alive and working on it/);
    await assert.rejects(engineB.resume(runId), (error: Error & { code?: string }) => error.code === 'run_held' && /held by worker pid \d+ on host/.test(error.message));
    gated.open();
    await workerA;
    assert.equal((await storeB.getRun(runId))?.status, 'completed');
    const after = await runWorker({ engine: engineB, store: storeB, untilIdle: true, maxWaitMs: 300, pollMs: 20 });
    assert.deepEqual(after.heldElsewhere, []);
    await storeA.close();
    await storeB.close();
  });
});

describe('drain', () => {
  it('stops starting steps, kills the process group of a step past the grace, records no result for it, releases the lease; a later resume finishes the run', { timeout: 60_000 }, async () => {
    const dir = tmp();
    const marker = join(dir, 'marker');
    const store = await createSqliteStore(join(dir, 'drain.db'));
    const engine = createEngine({ store, executors: [createCliExecutor({ killGraceMs: 200 })], owner: 'drained' });
    let runId = '';
    const running = engine.startRun(LONG, { node: process.execPath, marker }, { runId: 'r-drain' }).then((id) => { runId = id; });
    await until(() => existsSync(marker) && readFileSync(marker, 'utf8') !== '', 'the step started');
    const childPid = Number(readFileSync(marker, 'utf8'));
    assert.equal(isProcessAlive(childPid), true);
    const report = await engine.drain(100);
    await running;
    assert.equal(runId, 'r-drain');
    assert.deepEqual(report.interrupted, [{ runId: 'r-drain', nodeId: 'long' }]);
    assert.deepEqual(processGroupMembers(childPid), []);
    const types = (await store.readEvents('r-drain')).map((e) => (e.data as RunEvent).type);
    assert.deepEqual(types.filter((t) => t.startsWith('Step')), ['StepScheduled', 'StepStarted']);
    assert.deepEqual(await store.listLeases(['r-drain']), []);
    const next = createEngine({ store, executors: [createCliExecutor()], owner: 'next' });
    await next.resume('r-drain');
    assert.equal((await store.getRun('r-drain'))?.status, 'completed');
    await store.close();
  });
});

describe('known step results', () => {
  it('retries the append of a finished step\'s result while the database is locked, instead of losing it to "did this happen?"', { timeout: 60_000 }, async () => {
    const file = join(tmp(), 'busy.db');
    const store = await createSqliteStore(file, { busyTimeoutMs: 0, busyRetry: { attempts: 1 } });
    const gated = gatedExecutor();
    const engine = createEngine({ store, executors: [gated.executor], owner: 'busy' });
    const running = engine.startRun(GATED, {}, { runId: 'r-busy' });
    await gated.started;
    const locker = new Database(file);
    locker.exec('BEGIN IMMEDIATE');
    gated.open();
    await sleep(400);
    locker.exec('COMMIT');
    locker.close();
    await running;
    const events = (await store.readEvents('r-busy')).map((e) => (e.data as RunEvent).type);
    assert.ok(events.includes('StepCompleted'), events.join(', '));
    assert.equal((await store.getRun('r-busy'))?.status, 'completed');
    assert.deepEqual((await store.listTasks({ runId: 'r-busy' })).filter((t) => t.kind === 'did-this-happen'), []);
    await store.close();
  });
});
