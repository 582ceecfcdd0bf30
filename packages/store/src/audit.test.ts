import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditKeyId, hashEvent, hmacEvent, StoreError, type AuditKey, type AuditReport } from './index.js';
import { contractStores } from './test-support/contract-stores.js';
import { cutTail, verifyLocation } from './test-support/audit-tampering.js';
import { storeLocations, type LocationOptions, type RawDatabase, type StoreLocation } from './test-support/store-locations.js';
import { writeSampleRun } from './test-support/sample-run.js';

const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 7)), secret: Buffer.alloc(32, 7) };
const otherKey: AuditKey = { id: auditKeyId(Buffer.alloc(32, 9)), secret: Buffer.alloc(32, 9), path: '/keys/other.key' };
const problems = (report: AuditReport) => report.breaks.map((b) => [b.runId, b.problem]);

for (const [name, make] of contractStores(key)) {
  describe(`${name} store keyed audit`, () => {
    it('verifies clean keyed runs, then signs a checkpoint that later verifies', async () => {
      const store = await make();
      await writeSampleRun(store, 'a');
      await writeSampleRun(store, 'b', 2);
      const report = await store.verifyAuditChain();
      assert.deepEqual(report.breaks, []);
      assert.equal(report.ok, true);
      assert.equal(report.keyed, true);
      assert.equal(report.keyId, key.id);
      assert.deepEqual(report.unkeyedRuns, []);
      assert.equal(report.eventsChecked, 10);
      assert.equal(report.workflowsChecked, 1);
      const checkpoint = await store.writeAuditCheckpoint(new Date('2026-01-02T00:00:00Z'));
      assert.deepEqual({ ...checkpoint, headsDigest: checkpoint.headsDigest.length }, { seq: 1, at: '2026-01-02T00:00:00.000Z', runCount: 2, headsDigest: 64 });
      await writeSampleRun(store, 'c', 1);
      const after = await store.verifyAuditChain();
      assert.deepEqual(after.breaks, []);
      assert.deepEqual(after.checkpoint, { seq: 1, at: '2026-01-02T00:00:00.000Z', runCount: 2, ok: true });
      assert.equal((await store.writeAuditCheckpoint()).seq, 2);
      await store.close();
    });
  });
}

for (const [name, make] of contractStores()) {
  describe(`${name} store unkeyed audit`, () => {
    it('verifies plain SHA-256 chains as unkeyed and refuses to sign a checkpoint without a key', async () => {
      const store = await make();
      await writeSampleRun(store, 'a');
      await writeSampleRun(store, 'b', 3);
      const report = await store.verifyAuditChain();
      assert.equal(report.ok, true);
      assert.equal(report.keyed, false);
      assert.deepEqual(report.unkeyedRuns, ['a', 'b']);
      await assert.rejects(store.writeAuditCheckpoint(), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_missing');
      await store.close();
    });
  });
}

/** Rewrites one event's data and recomputes the run's chain and head with `link`, as a short script would. */
async function rewriteChain(raw: RawDatabase, runId: string, link: (prev: string, seq: number, type: string, at: string, data: string) => string): Promise<void> {
  const rows = await raw.all<{ seq: number; type: string; at: string; data: string }>('SELECT seq, type, at, data FROM events WHERE run_id = ? ORDER BY seq', runId);
  let prev = '';
  for (const row of rows) {
    const data = row.type === 'StepCompleted' ? row.data.replace('"ok":true', '"ok":false') : row.data;
    const hash = link(prev, row.seq, row.type, row.at, data);
    await raw.run('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE run_id = ? AND seq = ?', data, prev, hash, runId, row.seq);
    prev = hash;
  }
  await raw.run('UPDATE runs SET last_hash = ? WHERE id = ?', prev, runId);
}

/** A keyed store holding run a (complete, 7 events) and run b (waiting on a task, 3 events), closed. */
async function keyedLocation(locate: () => Promise<StoreLocation>): Promise<StoreLocation> {
  const location = await locate();
  const store = await location.open({ auditKey: key });
  await writeSampleRun(store, 'a');
  await writeSampleRun(store, 'b', 2);
  await store.close();
  return location;
}

const verify = (location: StoreLocation, options: LocationOptions = { auditKey: key }) => verifyLocation(location, options);

async function checkpoint(location: StoreLocation): Promise<void> {
  const store = await location.open({ auditKey: key });
  await store.writeAuditCheckpoint(new Date('2026-01-02T00:00:00Z'));
  await store.close();
}

for (const [name, locate] of storeLocations()) {
  describe(`${name} audit against a determined editor`, () => {
    it('(a) a chain recomputed with plain SHA-256 is reported as re-hashed without the key, and the head MAC no longer matches', async () => {
      const location = await keyedLocation(locate);
      await location.tamper((raw) => rewriteChain(raw, 'a', (prev, seq, type, at, data) => hashEvent(prev, 'a', seq, type, at, data)));
      const report = await verify(location);
      assert.equal(report.ok, false);
      assert.deepEqual(problems(report), [['a', 'changed'], ['a', 'head']]);
      assert.match(report.breaks[0].message, /event 1 \(RunStarted\) carries a plain SHA-256 hash .* recomputed without the key/);
      await location.dispose();
    });

    it('(a) a chain recomputed with plain SHA-256 and relabelled as an unkeyed run fails its head MAC', async () => {
      const location = await keyedLocation(locate);
      await location.tamper(async (raw) => {
        await rewriteChain(raw, 'a', (prev, seq, type, at, data) => hashEvent(prev, 'a', seq, type, at, data));
        await raw.run("UPDATE runs SET chain_scheme = 'sha256' WHERE id = 'a'");
      });
      const report = await verify(location);
      assert.deepEqual(problems(report), [['a', 'head']]);
      assert.match(report.breaks[0].message, /run a's record .* does not match its head MAC/);
      await location.dispose();
    });

    it('(a) a chain recomputed with another key is reported as not matching the audit key', async () => {
      const location = await keyedLocation(locate);
      await location.tamper((raw) => rewriteChain(raw, 'a', (prev, seq, type, at, data) => hmacEvent(otherKey.secret, prev, 'a', seq, type, at, data)));
      const report = await verify(location);
      assert.deepEqual(problems(report), [['a', 'changed'], ['a', 'head']]);
      assert.match(report.breaks[0].message, /does not match its HMAC under the audit key/);
      await location.dispose();
    });

    it('(b) a deleted tail with version and last_hash rewritten fails the head MAC, and the checkpoint reports the truncation', async () => {
      const location = await keyedLocation(locate);
      await checkpoint(location);
      await location.tamper((raw) => cutTail(raw, 'a', 5));
      const report = await verify(location);
      assert.deepEqual(problems(report), [['a', 'head'], ['a', 'truncated']]);
      assert.match(report.breaks[1].message, /run a had 7 events at checkpoint 1 \(2026-01-02T00:00:00.000Z\) but now records 5/);
      assert.deepEqual(report.checkpoint, { seq: 1, at: '2026-01-02T00:00:00.000Z', runCount: 2, ok: false });
      await location.dispose();
    });

    it('(c) a whole deleted run (run row, events, tasks) is reported by the checkpoint that covered it', async () => {
      const location = await keyedLocation(locate);
      await checkpoint(location);
      await location.tamper(async (raw) => {
        for (const table of ['events', 'tasks', 'timers']) await raw.run(`DELETE FROM ${table} WHERE run_id = 'b'`);
        await raw.run("DELETE FROM runs WHERE id = 'b'");
      });
      const report = await verify(location);
      assert.deepEqual(problems(report), [['b', 'deleted']]);
      assert.match(report.breaks[0].message, /run b was in checkpoint 1 .* with 3 events but no longer exists/);
      await location.dispose();
    });

    it('(d) an edited runs.status fails the head MAC, and the re-fold of the events disagrees with it', async () => {
      const location = await keyedLocation(locate);
      await location.tamper((raw) => raw.run("UPDATE runs SET status = 'completed' WHERE id = 'b'"));
      const report = await verify(location);
      assert.deepEqual(problems(report), [['b', 'head'], ['b', 'projection']]);
      assert.match(report.breaks[1].message, /run b: the run record says status 'completed' but the events say 'waiting'/);
      await location.dispose();
    });

    it('(d) an edited status or a reassigned task is caught by the re-fold even in an unkeyed store', async () => {
      const location = await locate();
      const store = await location.open();
      await writeSampleRun(store, 'b', 2);
      await store.close();
      await location.tamper((raw) => raw.run("UPDATE tasks SET role = 'admin' WHERE run_id = 'b'"));
      const report = await verify(location, {});
      assert.deepEqual(problems(report), [['b', 'projection']]);
      assert.match(report.breaks[0].message, /task b-t1: the inbox says role "admin" but the events say "nurse"/);
      await location.dispose();
    });

    it('(e) an edited stored workflow text is reported with the run pinned to it', async () => {
      const location = await keyedLocation(locate);
      await location.tamper((raw) => raw.run("UPDATE workflows SET text = text || '  - id: skip_checks' "));
      const report = await verify(location);
      assert.deepEqual(problems(report), [['a', 'workflow']]);
      assert.match(report.breaks[0].message, /the stored workflow text [0-9a-f]{12}… \(run a is pinned to it\) was changed: it now hashes to [0-9a-f]{12}…/);
      await location.dispose();
    });

    it('reports the first changed, deleted or inserted event of a run', async () => {
      const location = await locate();
      const store = await location.open();
      await writeSampleRun(store, 'a');
      await writeSampleRun(store, 'b', 1);
      await store.close();
      await location.tamper((raw) => raw.run(`UPDATE events SET data = replace(data, '"ok":true', '"ok":false') WHERE run_id = 'a' AND seq = 6`));
      assert.deepEqual((await verify(location, {})).breaks.map((b) => [b.runId, b.seq, b.problem]), [['a', 6, 'changed']]);
      await location.tamper((raw) => raw.run("DELETE FROM events WHERE run_id = 'b' AND seq = 2"));
      assert.deepEqual((await verify(location, {})).breaks.map((b) => [b.runId, b.seq, b.problem]), [['a', 6, 'changed'], ['b', 2, 'truncated']]);
      await location.dispose();
    });
  });

  describe(`${name} audit key handling`, () => {
    it('refuses a different key, naming both key ids, and a writable open of a keyed store without its key', async () => {
      const location = await keyedLocation(locate);
      await assert.rejects(location.open({ auditKey: otherKey }), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_mismatch'
        && e.message === `this store was keyed with key ${key.id}; the key at /keys/other.key is ${otherKey.id}`);
      await assert.rejects(location.open(), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_missing');
      const withoutKey = await verify(location, { readonly: true });
      assert.deepEqual([withoutKey.ok, withoutKey.keyed, withoutKey.keyId], [true, false, key.id]);
      await location.dispose();
    });

    it('keeps runs written before keying verifiable as unkeyed, and pins their heads from the moment the store is keyed', async () => {
      const location = await locate();
      const plain = await location.open();
      await writeSampleRun(plain, 'old', 2);
      await plain.close();
      const keyed = await location.open({ auditKey: key });
      await writeSampleRun(keyed, 'new');
      const report = await keyed.verifyAuditChain();
      assert.deepEqual([report.ok, report.keyed, report.unkeyedRuns], [true, true, ['old']]);
      await keyed.close();
      await location.tamper((raw) => raw.run("UPDATE runs SET status = 'cancelled' WHERE id = 'old'"));
      assert.deepEqual(problems(await verify(location)), [['old', 'head'], ['old', 'projection']]);
      await location.dispose();
    });
  });
}
