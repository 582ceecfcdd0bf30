import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { directoryFromUsers } from '@sopflow/engine';
import { StoreError } from './index.js';
import { contractStores } from './test-support/contract-stores.js';
import { storeLocations } from './test-support/store-locations.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const t1 = new Date('2026-01-02T00:00:00Z');

for (const [name, make] of contractStores()) {
  describe(`${name} store user directory`, () => {
    it('adds, updates and removes users, bumping the directory version once per write', async () => {
      const store = await make();
      assert.equal(await store.directoryVersion(), 0);
      const ann = await store.putUser({ name: 'ann', roles: ['nurse'], level: 'senior' }, t0);
      assert.deepEqual(ann, { name: 'ann', roles: ['nurse'], level: 'senior', admin: false, createdAt: t0.toISOString(), updatedAt: t0.toISOString() });
      await store.putUser({ name: 'bob', roles: ['doctor', 'nurse'], admin: true, osUser: 'bob.smith' }, t0);
      assert.equal(await store.directoryVersion(), 2);
      const updated = await store.putUser({ name: 'ann', roles: ['nurse', 'lead'] }, t1);
      assert.deepEqual(updated, { name: 'ann', roles: ['nurse', 'lead'], admin: false, createdAt: t0.toISOString(), updatedAt: t1.toISOString() });
      assert.equal(await store.directoryVersion(), 3);
      assert.deepEqual((await store.listUsers()).map((u) => u.name), ['ann', 'bob']);
      assert.equal((await store.getUser('bob'))?.osUser, 'bob.smith');
      assert.equal(await store.removeUser('ann'), true);
      assert.equal(await store.removeUser('ann'), false);
      assert.equal(await store.directoryVersion(), 4);
      assert.equal(await store.getUser('ann'), undefined);
      await store.close();
    });

    it('refuses an empty name, unknown characters and wrongly typed roles, level or admin, and stores nothing', async () => {
      const store = await make();
      await store.putUser({ name: 'ann', roles: ['nurse'] }, t0);
      const bad: [unknown, RegExp][] = [
        [{ name: '' }, /name must be a non-empty string/],
        [{ name: 'ann smith' }, /name may only hold/],
        [{ name: '__proto__' }, /name may only hold/],
        [{ name: 'ann', roles: 'nurse' }, /roles must be a list/],
        [{ name: 'ann', roles: [3] }, /role 3 must be a string/],
        [{ name: 'ann', level: 7 }, /level must be a non-empty string/],
        [{ name: 'ann', admin: 'yes' }, /admin must be true or false/],
      ];
      for (const [input, message] of bad) {
        await assert.rejects(store.putUser(input as never, t1), (e: unknown) => e instanceof StoreError && e.code === 'invalid_user' && message.test(e.message));
      }
      assert.equal(await store.directoryVersion(), 1);
      assert.deepEqual(await store.getUser('ann'), { name: 'ann', roles: ['nurse'], admin: false, createdAt: t0.toISOString(), updatedAt: t0.toISOString() });
      await store.close();
    });

    it('gives the engine a directory view of one snapshot, with its version', async () => {
      const store = await make();
      await store.putUser({ name: 'sue', roles: ['approver'], level: 'supervisor' }, t0);
      const directory = directoryFromUsers(await store.listUsers(), await store.directoryVersion());
      assert.equal(directory.levelOf('sue'), 'supervisor');
      assert.deepEqual(directory.rolesOf('sue'), ['approver']);
      assert.deepEqual(directory.rolesOf('nobody'), []);
      assert.equal(directory.version, 1);
      await store.close();
    });
  });
}

for (const [name, locate] of storeLocations()) {
  describe(`${name} user directory, reopened`, () => {
    it('keeps users and the directory version across reopening', async () => {
      const location = await locate();
      const first = await location.open();
      await first.putUser({ name: 'ann', roles: ['nurse'], admin: true }, t0);
      await first.putUser({ name: 'ann', roles: ['nurse'], admin: false }, t1);
      await first.close();
      const again = await location.open({ readonly: true });
      assert.equal(await again.directoryVersion(), 2);
      assert.equal((await again.getUser('ann'))?.admin, false);
      await assert.rejects(again.putUser({ name: 'bob' }), (e: unknown) => e instanceof StoreError && e.code === 'read_only');
      await assert.rejects(again.removeUser('ann'), (e: unknown) => e instanceof StoreError && e.code === 'read_only');
      await again.close();
      await location.dispose();
    });

    it('bumps the directory version once per write when two stores write at once', async () => {
      const location = await locate();
      const one = await location.open();
      const two = await location.open();
      await Promise.all(['ann', 'bob', 'cy', 'dee', 'ed', 'flo'].map((user, i) => (i % 2 === 0 ? one : two).putUser({ name: user, roles: ['nurse'] }, t0)));
      assert.equal(await one.directoryVersion(), 6);
      assert.deepEqual((await two.listUsers()).map((u) => u.name), ['ann', 'bob', 'cy', 'dee', 'ed', 'flo']);
      await one.close();
      await two.close();
      await location.dispose();
    });
  });
}
