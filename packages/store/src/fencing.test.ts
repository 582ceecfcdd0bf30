import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunEvent } from '@sopflow/engine';
import { contractStores } from './test-support/contract-stores.js';
import { sampleAppend, sampleBatches, writeSampleRun } from './test-support/sample-run.js';

const ann = { owner: 'ann', host: 'h1', pid: 11, processStartedAt: 0 };
const bob = { owner: 'bob', host: 'h2', pid: 22, processStartedAt: 0 };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

for (const [name, open] of contractStores()) {
  describe(`lease fencing on ${name}`, () => {
    it('refuses an append made under a grant another owner has taken since (even once given back), and writes nothing; the new owner appends', async () => {
      const store = await open();
      try {
        await writeSampleRun(store, 'r', 1);
        const batches = sampleBatches('r');
        const written: RunEvent[] = [...batches[0]];
        const epochOf = async () => (await store.listLeases(['r']))[0]?.epoch;

        assert.equal(await store.acquireLease('r', ann, at(0), 1000), true);
        const annFirst = (await epochOf())!;
        assert.equal(typeof annFirst, 'number');
        assert.equal(await store.acquireLease('r', ann, at(500), 1000), true, 'a renewal');
        assert.equal(await epochOf(), annFirst, 'a renewal keeps the epoch');
        const second = sampleAppend('r', written, batches[1]);
        assert.deepEqual(await store.append({ ...second, fence: { owner: 'ann', epoch: annFirst } }), { ok: true, version: 3 });
        written.push(...batches[1]);

        // ann pauses past her lease; bob takes the run over.
        assert.equal(await store.acquireLease('r', bob, at(5000), 1000), true);
        const bobEpoch = (await epochOf())!;
        assert.ok(bobEpoch > annFirst, `${bobEpoch} > ${annFirst}`);
        const third = sampleAppend('r', written, batches[2]);
        assert.deepEqual(await store.append({ ...third, fence: { owner: 'ann', epoch: annFirst } }), { ok: false, reason: 'fenced', actualVersion: 3 });
        assert.equal((await store.readEvents('r')).length, 3, 'the refused append wrote nothing');
        assert.equal((await store.getRun('r'))!.version, 3);
        assert.deepEqual(await store.append({ ...third, fence: { owner: 'bob', epoch: bobEpoch } }), { ok: true, version: 4 });
        written.push(...batches[2]);

        // bob gives the run back and ann takes it again: her old grant stays fenced off, her new one appends.
        await store.releaseLease('r', 'bob');
        assert.equal(await store.acquireLease('r', ann, at(6000), 1000), true);
        const annAgain = (await epochOf())!;
        assert.ok(annAgain > bobEpoch, `${annAgain} > ${bobEpoch}`);
        const fourth = sampleAppend('r', written, batches[3]);
        assert.equal((await store.append({ ...fourth, fence: { owner: 'ann', epoch: annFirst } })).ok, false);
        assert.deepEqual(await store.append({ ...fourth, fence: { owner: 'ann', epoch: annAgain } }), { ok: true, version: 6 });
        written.push(...batches[3]);

        // With no lease at all a fenced append is refused; an append without a fence (a person completing a task elsewhere) is not.
        await store.releaseLease('r', 'ann');
        const fifth = sampleAppend('r', written, batches[4]);
        assert.equal((await store.append({ ...fifth, fence: { owner: 'ann', epoch: annAgain } })).ok, false);
        assert.deepEqual(await store.append(fifth), { ok: true, version: 7 });
        assert.equal((await store.verifyAuditChain()).ok, true);
      } finally {
        await store.close();
      }
    });

    it('gives a run given back and taken again at the same instant a new epoch: the old grant stays fenced off', async () => {
      const store = await open();
      try {
        await writeSampleRun(store, 'r', 1);
        const batches = sampleBatches('r');
        const epochOf = async () => (await store.listLeases(['r']))[0]?.epoch;
        assert.equal(await store.acquireLease('r', ann, at(0), 1000), true);
        const annFirst = (await epochOf())!;
        await store.releaseLease('r', 'ann');
        assert.equal(await store.acquireLease('r', bob, at(0), 1000), true);
        await store.releaseLease('r', 'bob');
        assert.equal(await store.acquireLease('r', ann, at(0), 1000), true);
        const annAgain = (await epochOf())!;
        assert.notEqual(annAgain, annFirst);
        const second = sampleAppend('r', [...batches[0]], batches[1]);
        assert.deepEqual(await store.append({ ...second, fence: { owner: 'ann', epoch: annFirst } }), { ok: false, reason: 'fenced', actualVersion: 2 });
        assert.deepEqual(await store.append({ ...second, fence: { owner: 'ann', epoch: annAgain } }), { ok: true, version: 3 });
      } finally {
        await store.close();
      }
    });

    it('gives every run claimed in one batch an epoch, kept while the claimer renews', async () => {
      const store = await open();
      try {
        await writeSampleRun(store, 'a', 1);
        await writeSampleRun(store, 'b', 1);
        const claimed = await store.claimRuns(ann, at(0), 1000, 10);
        assert.deepEqual([...claimed].sort(), ['a', 'b']);
        const before = await store.listLeases(['a', 'b']);
        assert.ok(before.every((l) => typeof l.epoch === 'number' && l.epoch > 0), JSON.stringify(before));
        await store.claimRuns(ann, at(100), 1000, 10);
        assert.deepEqual((await store.listLeases(['a', 'b'])).map((l) => l.epoch), before.map((l) => l.epoch));
      } finally {
        await store.close();
      }
    });
  });
}
