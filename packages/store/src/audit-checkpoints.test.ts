import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditKeyId, type AuditKey, type AuditReport } from './index.js';
import { checkpointMac } from './audit/sign-checkpoint.js';
import { contractStores } from './test-support/contract-stores.js';
import { cutTail, verifyLocation } from './test-support/audit-tampering.js';
import { storeLocations, type LocationOptions, type StoreLocation } from './test-support/store-locations.js';
import { sampleAppend, sampleBatches, writeSampleRun } from './test-support/sample-run.js';

const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 7)), secret: Buffer.alloc(32, 7) };
const problems = (report: AuditReport) => report.breaks.map((b) => [b.runId, b.problem]);
const day = (n: number) => new Date(`2026-01-0${n}T00:00:00Z`);

for (const [name, make] of contractStores(key)) {
  describe(`${name} store incremental checkpoints`, () => {
    it('signs only the runs whose head moved since the checkpoint before, and verifies against all of them', async () => {
      const store = await make();
      await writeSampleRun(store, 'a');
      await writeSampleRun(store, 'b', 2);
      assert.equal((await store.writeAuditCheckpoint(day(1))).runCount, 2);
      await writeSampleRun(store, 'c', 1);
      assert.equal((await store.writeAuditCheckpoint(day(2))).runCount, 1, 'only c is new; a and b did not move');
      const [first, second, third] = sampleBatches('b');
      assert.equal((await store.append(sampleAppend('b', [...first, ...second], third))).ok, true);
      assert.equal((await store.writeAuditCheckpoint(day(3))).runCount, 1, 'b moved');
      const nothing = await store.writeAuditCheckpoint(day(4));
      assert.deepEqual([nothing.seq, nothing.runCount], [4, 0]);
      const report = await store.verifyAuditChain();
      assert.deepEqual(report.breaks, []);
      assert.deepEqual(report.checkpoint, { seq: 4, at: '2026-01-04T00:00:00.000Z', runCount: 3, ok: true });
      await store.close();
    });
  });
}

/** A keyed store where checkpoint 1 (day 1) covered runs a (7 events) and b (3), and checkpoint 2 (day 2) only the later run c. */
async function twoCheckpoints(locate: () => Promise<StoreLocation>): Promise<StoreLocation> {
  const location = await locate();
  const store = await location.open({ auditKey: key });
  await writeSampleRun(store, 'a');
  await writeSampleRun(store, 'b', 2);
  await store.writeAuditCheckpoint(day(1));
  await writeSampleRun(store, 'c', 1);
  await store.writeAuditCheckpoint(day(2));
  await store.close();
  return location;
}

const verify = (location: StoreLocation, options: LocationOptions = { auditKey: key }) => verifyLocation(location, options);

for (const [name, locate] of storeLocations()) {
  describe(`${name} chained checkpoints against a determined editor`, () => {
    it('stores the second checkpoint with c\'s head alone, linked to the first one\'s MAC', async () => {
      const location = await twoCheckpoints(locate);
      await location.tamper(async (raw) => {
        const rows = await raw.all<{ seq: number; heads: string; mac: string; prev_mac: string }>('SELECT seq, heads, mac, prev_mac FROM audit_checkpoints ORDER BY seq');
        assert.deepEqual(rows.map((r) => (JSON.parse(r.heads) as [string][]).map((h) => h[0])), [['a', 'b'], ['c']]);
        assert.deepEqual(rows.map((r) => r.prev_mac), ['', rows[0].mac]);
      });
      await location.dispose();
    });

    it('a run untouched since an older checkpoint, cut short with its head rewritten, is still held to that checkpoint (even without the key)', async () => {
      const location = await twoCheckpoints(locate);
      await location.tamper((raw) => cutTail(raw, 'a', 5));
      const report = await verify(location);
      assert.deepEqual(problems(report), [['a', 'head'], ['a', 'truncated']]);
      assert.match(report.breaks[1].message, /run a had 7 events at checkpoint 1 \(2026-01-01T00:00:00.000Z\) but now records 5/);
      assert.deepEqual(report.checkpoint, { seq: 2, at: '2026-01-02T00:00:00.000Z', runCount: 3, ok: false });
      const withoutKey = await verify(location, { readonly: true });
      assert.deepEqual(problems(withoutKey), [['a', 'truncated']], 'the checkpoint alone catches it when head MACs cannot be checked');
      await location.dispose();
    });

    it('a run untouched since an older checkpoint, deleted whole, or re-hashed at the same length, is reported', async () => {
      const location = await twoCheckpoints(locate);
      await location.tamper(async (raw) => {
        for (const table of ['events', 'tasks', 'timers']) await raw.run(`DELETE FROM ${table} WHERE run_id = 'b'`);
        await raw.run("DELETE FROM runs WHERE id = 'b'");
        await raw.run("UPDATE events SET hash = 'f00d' WHERE run_id = 'a' AND seq = 7");
        await raw.run("UPDATE runs SET last_hash = 'f00d' WHERE id = 'a'");
      });
      // Without the key the re-hashed link itself cannot be checked (its HMAC), so only checkpoint 1 catches it.
      const report = await verify(location, { readonly: true });
      assert.deepEqual(report.breaks.map((b) => b.message), [
        'event 7 of run a is not the one checkpoint 1 (2026-01-01T00:00:00.000Z) signed',
        'run b was in checkpoint 1 (2026-01-01T00:00:00.000Z) with 3 events but no longer exists',
      ]);
      await location.dispose();
    });

    it('a checkpoint deleted from the middle or the start of the chain, or with its heads edited, is reported', async () => {
      const location = await twoCheckpoints(locate);
      const store = await location.open({ auditKey: key });
      await writeSampleRun(store, 'd', 1);
      await store.writeAuditCheckpoint(day(3));
      await store.close();
      await location.tamper((raw) => raw.run('DELETE FROM audit_checkpoints WHERE seq = 2'));
      const middle = await verify(location);
      assert.deepEqual(middle.breaks.map((b) => b.message), ['checkpoint 3 (2026-01-03T00:00:00.000Z) does not follow checkpoint 1: a checkpoint between them was deleted or replaced']);
      await location.tamper((raw) => raw.run('DELETE FROM audit_checkpoints WHERE seq = 1'));
      const start = await verify(location);
      assert.deepEqual(start.breaks.map((b) => b.message), ['checkpoint 3 (2026-01-03T00:00:00.000Z) follows a checkpoint that no longer exists: earlier checkpoints were deleted']);
      await location.tamper((raw) => raw.run("UPDATE audit_checkpoints SET heads = '[]', run_count = 0, heads_digest = ? WHERE seq = 3",
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'));
      const edited = await verify(location);
      assert.match(edited.breaks.at(-1)?.message ?? '', /checkpoint 3 \(2026-01-03T00:00:00.000Z\) is not what the audit key signed/);
      await location.dispose();
    });

    it('a full checkpoint written before chaining verifies, and the next checkpoint covers every run once and links to it', async () => {
      const location = await locate();
      const store = await location.open({ auditKey: key });
      await writeSampleRun(store, 'a');
      await writeSampleRun(store, 'b', 2);
      const full = await store.writeAuditCheckpoint(day(1));
      await store.close();
      // What a store checkpointed before migration 0018 holds: an unchained full checkpoint and no audit_heads.
      const legacyMac = checkpointMac(key.secret, full);
      await location.tamper(async (raw) => {
        await raw.run('UPDATE audit_checkpoints SET prev_mac = NULL, mac = ? WHERE seq = 1', legacyMac);
        await raw.run('DELETE FROM audit_heads');
      });
      assert.deepEqual((await verify(location)).checkpoint, { seq: 1, at: '2026-01-01T00:00:00.000Z', runCount: 2, ok: true });
      const upgraded = await location.open({ auditKey: key });
      await writeSampleRun(upgraded, 'c', 1);
      assert.equal((await upgraded.writeAuditCheckpoint(day(2))).runCount, 3);
      await upgraded.close();
      await location.tamper(async (raw) => {
        assert.deepEqual((await raw.all<{ prev_mac: string }>('SELECT prev_mac FROM audit_checkpoints WHERE seq = 2')).map((r) => r.prev_mac), [legacyMac]);
      });
      assert.deepEqual(problems(await verify(location)), []);
      await location.tamper((raw) => raw.run('UPDATE audit_checkpoints SET prev_mac = NULL WHERE seq = 2'));
      assert.deepEqual(problems(await verify(location)), [['', 'checkpoint']], 'a chained checkpoint relabelled as full no longer matches its MAC');
      await location.dispose();
    });
  });
}
