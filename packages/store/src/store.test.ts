import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSqliteStore, StoreError, type AppendRequest, type AuditReport, type LeaseHolder } from './index.js';
import { contractStores, tempDir } from './test-support/contract-stores.js';
import { storeLocations } from './test-support/store-locations.js';

const holder = (owner: string, pid = 4242): LeaseHolder => ({ owner, host: 'box-1', pid, processStartedAt: 1_767_225_600_000 });

/** Chain problems only: these runs hold placeholder events that do not fold into a run (audit.test.ts uses real ones). */
const chainBreaks = (report: AuditReport) => report.breaks.filter((b) => ['changed', 'missing', 'inserted', 'truncated'].includes(b.problem));

function request(runId: string, expectedVersion: number, types: string[], extra: Partial<AppendRequest> = {}): AppendRequest {
  return {
    runId, expectedVersion,
    events: types.map((type, i) => ({ type, at: `2026-01-01T00:00:0${i}.000Z`, data: { type, i } })),
    run: { id: runId, workflowId: 'wf', workflowHash: 'h1', status: 'running', startedAt: '2026-01-01T00:00:00.000Z', runnable: false },
    ...(expectedVersion === 0 ? { workflow: { hash: 'h1', workflowId: 'wf', text: 'id: wf' } } : {}),
    ...extra,
  };
}

for (const [name, make] of contractStores()) {
  describe(`${name} store`, () => {
    it('appends with contiguous seq and refuses a stale expected version without writing', async () => {
      const store = await make();
      assert.deepEqual(await store.append(request('r1', 0, ['RunStarted', 'StepScheduled'])), { ok: true, version: 2 });
      assert.deepEqual(await store.append(request('r1', 1, ['StepStarted'])), { ok: false, reason: 'conflict', actualVersion: 2 });
      assert.deepEqual(await store.append(request('r1', 2, ['StepStarted'])), { ok: true, version: 3 });
      const events = await store.readEvents('r1');
      assert.deepEqual(events.map((e) => e.seq), [1, 2, 3]);
      assert.equal(events[1].prevHash, events[0].hash);
      assert.equal((await store.getRun('r1'))?.version, 3);
      assert.equal(await store.readWorkflow('h1'), 'id: wf');
      assert.deepEqual(chainBreaks(await store.verifyAuditChain()), []);
      await store.close();
    });

    it('keeps the run row in step whether an append changes its summary or only moves the head', async () => {
      const store = await make();
      const base = request('r3', 0, ['RunStarted']).run;
      await store.append(request('r3', 0, ['RunStarted']));
      await store.append(request('r3', 1, ['StepStarted']));
      await store.append(request('r3', 2, ['TaskOpened'], { run: { ...base, status: 'waiting', runnable: true } }));
      assert.deepEqual(await store.claimRuns(holder('w1'), new Date('2026-01-01T00:00:00Z'), 1000, 10), ['r3']);
      await store.append(request('r3', 3, ['TaskCompleted'], { run: { ...base, status: 'waiting', runnable: true } }));
      await store.append(request('r3', 4, ['RunCompleted'], { run: { ...base, status: 'completed', runnable: false, endedAt: '2026-01-01T00:01:00.000Z' } }));
      const run = await store.getRun('r3');
      assert.equal(run?.version, 5);
      assert.equal(run?.status, 'completed');
      assert.equal(run?.endedAt, '2026-01-01T00:01:00.000Z');
      assert.deepEqual(await store.claimRuns(holder('w2'), new Date('2026-01-01T00:10:00Z'), 1000, 10), []);
      assert.deepEqual(chainBreaks(await store.verifyAuditChain()), []);
      await store.close();
    });

    it('keeps projections: timers due, tasks by role, leases exclusive until expiry', async () => {
      const store = await make();
      await store.append(request('r2', 0, ['RunStarted'], {
        timersAdded: [{ id: 't1', runId: 'r2', dueAt: '2026-01-01T00:10:00.000Z', purpose: 'retry' }],
        tasksUpserted: [{ id: 'k1', runId: 'r2', nodeId: 'n', kind: 'work', status: 'open', role: 'nurse', title: 'Check', createdAt: '2026-01-01T00:00:00.000Z' }],
      }));
      assert.equal((await store.dueTimers('r2', new Date('2026-01-01T00:05:00Z'))).length, 0);
      assert.equal((await store.dueTimers('r2', new Date('2026-01-01T00:10:00Z'))).length, 1);
      assert.deepEqual((await store.listTasks({ role: 'nurse' })).map((t) => t.id), ['k1']);
      assert.deepEqual(await store.listTasks({ role: 'doctor' }), []);
      const now = new Date('2026-01-01T00:10:00Z');
      assert.deepEqual(await store.claimRuns(holder('w1'), now, 1000, 10), ['r2']);
      assert.deepEqual(await store.claimRuns(holder('w2'), now, 1000, 10), []);
      assert.equal(await store.acquireLease('r2', holder('w2'), now, 1000), false);
      assert.equal(await store.acquireLease('r2', holder('w2'), new Date(now.getTime() + 1001), 1000), true);
      await store.close();
    });

    it('names the holder of each lease (owner, host, pid, process start) and lists expired leases too', async () => {
      const store = await make();
      for (const id of ['a1', 'a2']) await store.append(request(id, 0, ['RunStarted'], { run: { ...request(id, 0, []).run, runnable: true } }));
      const now = new Date('2026-01-01T00:00:00Z');
      assert.deepEqual(await store.claimRuns(holder('w1', 111), now, 1000, 1), ['a1']);
      assert.equal(await store.acquireLease('a2', holder('w2', 222), now, 5000), true);
      const leases = await store.listLeases();
      assert.ok(leases.every((l) => typeof l.epoch === 'number' && l.epoch > 0), 'every grant has an epoch');
      assert.deepEqual(leases.map((l) => ({ ...l, epoch: undefined })), [
        { runId: 'a1', owner: 'w1', host: 'box-1', pid: 111, processStartedAt: 1_767_225_600_000, expiresAt: now.getTime() + 1000, children: [], epoch: undefined },
        { runId: 'a2', owner: 'w2', host: 'box-1', pid: 222, processStartedAt: 1_767_225_600_000, expiresAt: now.getTime() + 5000, children: [], epoch: undefined },
      ]);
      assert.deepEqual((await store.listLeases(['a2', 'missing'])).map((l) => l.owner), ['w2']);
      await store.close();
    });

    it('breaks exactly the named owner\'s lease, so the run can be claimed at once', async () => {
      const store = await make();
      await store.append(request('b1', 0, ['RunStarted'], { run: { ...request('b1', 0, []).run, runnable: true } }));
      const now = new Date('2026-01-01T00:00:00Z');
      assert.deepEqual(await store.claimRuns(holder('dead'), now, 10_000, 5), ['b1']);
      assert.equal(await store.breakLease('b1', 'someone-else'), false);
      assert.deepEqual(await store.claimRuns(holder('heir'), now, 10_000, 5), []);
      assert.equal(await store.breakLease('b1', 'dead'), true);
      assert.equal(await store.breakLease('b1', 'dead'), false);
      assert.deepEqual(await store.claimRuns(holder('heir'), now, 10_000, 5), ['b1']);
      assert.equal((await store.listLeases(['b1']))[0]?.owner, 'heir');
      await store.close();
    });

    it('keeps a lease\'s recorded process groups across its owner\'s renewals and clears them for a new owner', async () => {
      const store = await make();
      await store.append(request('c1', 0, ['RunStarted'], { lease: { holder: holder('w1'), expiresAtMs: 1000 } }));
      assert.equal((await store.listLeases(['c1']))[0]?.owner, 'w1');
      const now = new Date('2026-01-01T00:00:00Z');
      assert.equal(await store.acquireLease('c1', holder('w1'), now, 1000, [{ pid: 900, startedAt: 5 }]), true);
      assert.equal(await store.acquireLease('c1', holder('w1'), now, 1000), true);
      assert.deepEqual((await store.listLeases(['c1']))[0]?.children, [{ pid: 900, startedAt: 5 }]);
      assert.equal(await store.acquireLease('c1', holder('w1'), now, 1000, []), true);
      assert.deepEqual((await store.listLeases(['c1']))[0]?.children, []);
      await store.acquireLease('c1', holder('w1'), now, 1000, [{ pid: 901, startedAt: 6 }]);
      assert.equal(await store.acquireLease('c1', holder('w2'), new Date(now.getTime() + 2000), 1000), true);
      assert.deepEqual((await store.listLeases(['c1']))[0]?.children, []);
      await store.close();
    });
  });
}

for (const [name, locate] of storeLocations()) {
  describe(`${name} store shared by two processes`, () => {
    it('two stores on one database: a conflicting append from the second is refused', async () => {
      const location = await locate();
      const one = await location.open();
      const two = await location.open();
      await one.append(request('c', 0, ['RunStarted']));
      assert.deepEqual(await two.append(request('c', 0, ['RunStarted'])), { ok: false, reason: 'conflict', actualVersion: 1 });
      assert.deepEqual(await one.claimRuns(holder('x'), new Date(), 60_000, 5), []);
      await one.close();
      await two.close();
      await location.dispose();
    });

    it('racing appends on one run from two stores: exactly one lands per version, and the chain stays whole', async () => {
      const location = await locate();
      const one = await location.open();
      const two = await location.open();
      const outcomes = await Promise.all([one, two, one, two].map((store) => store.append(request('race', 0, ['RunStarted']))));
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      const next = await Promise.all([one, two].map((store) => store.append(request('race', 1, ['StepStarted']))));
      assert.deepEqual(next.map((o) => o.ok).sort(), [false, true]);
      assert.deepEqual((await one.readEvents('race')).map((e) => e.seq), [1, 2]);
      assert.deepEqual(chainBreaks(await two.verifyAuditChain()), []);
      await one.close();
      await two.close();
      await location.dispose();
    });

    it('claims each runnable run for one owner only when two stores claim at once', async () => {
      const location = await locate();
      const one = await location.open();
      const two = await location.open();
      const ids = Array.from({ length: 12 }, (_, i) => `q${String(i).padStart(2, '0')}`);
      for (const id of ids) await one.append(request(id, 0, ['RunStarted'], { run: { ...request(id, 0, []).run, runnable: true } }));
      const now = new Date('2026-01-01T00:00:00Z');
      const claims = await Promise.all([one, two, one, two].map((store, i) => store.claimRuns(holder(`w${i}`), now, 60_000, 4)));
      const claimed = claims.flat();
      assert.equal(new Set(claimed).size, claimed.length, `a run was claimed twice: ${JSON.stringify(claims)}`);
      assert.deepEqual([...claimed].sort(), ids);
      await one.close();
      await two.close();
      await location.dispose();
    });
  });
}

describe('sqlite store on disk', () => {
  it('refuses a corrupted file with a clear error and leaves it unchanged', async () => {
    const file = join(tempDir(), 'bad.db');
    writeFileSync(file, 'this is not a database, just some text that is long enough '.repeat(200));
    const before = readFileSync(file);
    await assert.rejects(createSqliteStore(file), (error: unknown) => error instanceof StoreError && error.code === 'corrupt_database' && /not a usable sopflow database/.test(error.message));
    assert.deepEqual(readFileSync(file), before);
  });
});
