import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunStore } from '@sopflow/engine';
import { processRecordsOf, type SessionRow } from '../index.js';
import { storeLocations, type RawDatabase } from '../test-support/store-locations.js';

const NOW = '2026-12-07T12:00:00.000Z';
const session = (tenantId: string, idHash: string, expiresAt: string): SessionRow => ({
  idHash, tenantId, userName: `ann@${tenantId}`, csrfToken: 'c', createdAt: '2026-12-07T00:00:00.000Z', expiresAt,
});
const credentials = async (raw: RawDatabase) => Number((await raw.all<{ value: string }>("SELECT value FROM store_meta WHERE key = 'credentials_version'"))[0]?.value ?? 0);
const left = async (raw: RawDatabase) => (await raw.all<{ id_hash: string }>('SELECT id_hash FROM sessions ORDER BY id_hash')).map((r) => r.id_hash);

for (const [name, makeLocation] of storeLocations()) {
  describe(`${name} store: the expired-session sweep`, () => {
    it('deletes every expired session in one statement, keeps the live ones of both tenants, and moves the credentials version once', async () => {
      const location = await makeLocation();
      let store: RunStore | undefined;
      try {
        store = await location.open();
        const accounts = processRecordsOf(store)!.accounts;
        await location.tamper(async (raw) => {
          for (const id of ['t1', 't2']) {
            await raw.run('INSERT INTO tenants (id, slug, name, created_at) VALUES (?, ?, ?, ?)', id, id, id, NOW);
            await raw.run("INSERT INTO users (name, roles, admin, created_at, updated_at, tenant_id, email) VALUES (?, '[\"owner\"]', 0, ?, ?, ?, ?)", `ann@${id}`, NOW, NOW, id, `ann@${id}`);
          }
        });
        for (const row of [
          session('t1', 'a-expired-1', '2026-12-07T09:00:00.000Z'), session('t1', 'a-expired-2', '2026-12-07T11:59:59.999Z'), session('t1', 'a-ends-now', NOW),
          session('t1', 'a-live', '2026-12-07T12:00:00.001Z'), session('t2', 'b-expired', '2026-12-06T12:00:00.000Z'), session('t2', 'b-live', '2026-12-08T00:00:00.000Z'),
        ]) await accounts.insertSession(row);
        let before = 0;
        await location.tamper(async (raw) => { before = await credentials(raw); });

        assert.equal(await accounts.deleteExpiredSessions(NOW), 4);
        await location.tamper(async (raw) => {
          assert.deepEqual(await left(raw), ['a-live', 'b-live'], "the live sessions of either tenant stay; expired ones of any tenant go");
          assert.equal(await credentials(raw) - before, 1, 'four sessions gone, one bump');
        });
        assert.equal((await accounts.findSession('b-live'))?.tenantId, 't2');

        assert.equal(await accounts.deleteExpiredSessions(NOW), 0);
        await location.tamper(async (raw) => {
          assert.equal(await credentials(raw) - before, 1, 'a sweep that finds nothing bumps nothing');
          assert.deepEqual(await raw.all("SELECT key FROM store_meta WHERE key = 'sessions_sweep'"), [], 'no marker stays behind');
        });

        await accounts.deleteSession('a-live');
        await accounts.deleteSession('no-such-session');
        await location.tamper(async (raw) => {
          assert.deepEqual(await left(raw), ['b-live']);
          assert.equal(await credentials(raw) - before, 2, 'a sign-out still bumps (once), a delete of nothing does not');
          await raw.run("DELETE FROM sessions WHERE id_hash = 'b-live'");
          assert.equal(await credentials(raw) - before, 3, 'so does a delete by another connection');
        });
      } finally {
        await store?.close();
        await location.dispose();
      }
    });
  });
}
