import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeVersions, RunStore } from '@sopflow/engine';
import { storeLocations, type RawDatabase } from '../test-support/store-locations.js';

const at = '2026-12-07T12:00:00.000Z';

/** A tenant with a token, a session, a user, an SOP with its version and a linked run; plus a run no SOP links. */
async function seed(raw: RawDatabase): Promise<void> {
  for (const id of ['t1', 't2']) await raw.run('INSERT INTO tenants (id, slug, name, created_at) VALUES (?, ?, ?, ?)', id, id, id, at);
  await raw.run("INSERT INTO users (name, roles, admin, created_at, updated_at, tenant_id, email) VALUES ('ann', '[\"owner\"]', 0, ?, ?, 't1', 'ann')", at, at);
  await raw.run("INSERT INTO api_tokens (id, tenant_id, user_name, scope, token_hash, created_at) VALUES ('tok', 't1', 'ann', 'read', 'h', ?)", at);
  await raw.run("INSERT INTO sessions (id_hash, tenant_id, user_name, csrf_token, created_at, expires_at) VALUES ('s', 't1', 'ann', 'c', ?, ?)", at, at);
  await raw.run("INSERT INTO workflows (hash, workflow_id, text, created_at) VALUES ('wh', 'w', 'x', ?)", at);
  await raw.run(`INSERT INTO sops (id, tenant_id, workflow_id, title, status, allow_overlap, current_version_id, created_by, created_at, updated_at)
    VALUES ('sop_1', 't1', 'w', 'One', 'active', 0, 'v1', 'ann', ?, ?)`, at, at);
  await raw.run(`INSERT INTO sops (id, tenant_id, workflow_id, title, status, allow_overlap, current_version_id, created_by, created_at, updated_at)
    VALUES ('sop_marker', 't2', 'w', 'Marker', 'active', 0, 'v1', 'ann', ?, ?)`, at, at);
  await raw.run("INSERT INTO sop_runs (run_id, tenant_id, sop_id, version_id, started_by, trigger, created_at) VALUES ('linked', 't1', 'sop_1', 'v1', 'ann', 'manual', ?)", at);
  for (const id of ['linked', 'loose']) {
    await raw.run("INSERT INTO runs (id, workflow_id, workflow_hash, status, started_at, runnable, version, last_hash) VALUES (?, 'w', 'wh', 'running', ?, 0, 1, 'x')", id, at);
  }
}

for (const [name, makeLocation] of storeLocations()) {
  describe(`${name} store: change versions bumped by other connections`, () => {
    it('moves credentials on a revoke, a session ending, a user change; a tenant\'s library on its SOPs and its linked runs\' status — never on a last-use write or an unlinked run', async () => {
      const location = await makeLocation();
      let store: RunStore | undefined;
      try {
        store = await location.open();
        await location.tamper(seed);
        const versions: ChangeVersions = store.changeVersions!;
        // PostgreSQL: read until the listener is connected; SQLite answers at once.
        for (let i = 0; i < 400 && versions.credentials() === undefined; i++) await new Promise((r) => setTimeout(r, 25));
        const read = () => ({ credentials: versions.credentials()!, t1: versions.library('t1')!, t2: versions.library('t2')! });
        // Each step: a change by another connection, then a bump of t2's library as a marker (nothing the steps change
        // touches t2); once the marker is seen (PostgreSQL delivers notifications in commit order) the change's own
        // effect is all there is to see. A credentials marker could not tell itself from the change's own bump.
        const step = async (sql: string, ...params: unknown[]) => {
          const before = read();
          await location.tamper(async (raw) => { await raw.run(sql, ...params); });
          await location.tamper(async (raw) => { await raw.run("UPDATE sops SET title = title || '.' WHERE id = 'sop_marker'"); });
          for (let i = 0; i < 400 && read().t2 === before.t2; i++) await new Promise((r) => setTimeout(r, 25));
          const after = read();
          return { credentials: after.credentials - before.credentials, t1: after.t1 - before.t1, t2: after.t2 - before.t2 - 1 };
        };
        assert.deepEqual(await step("UPDATE api_tokens SET last_used_at = ? WHERE id = 'tok'", at), { credentials: 0, t1: 0, t2: 0 }, 'a last-use write');
        assert.deepEqual(await step("UPDATE api_tokens SET revoked_at = ? WHERE id = 'tok'", at), { credentials: 1, t1: 0, t2: 0 }, 'a revoke');
        assert.deepEqual(await step("DELETE FROM sessions WHERE id_hash = 's'"), { credentials: 1, t1: 0, t2: 0 }, 'a session ending');
        assert.deepEqual(await step("UPDATE users SET roles = '[\"viewer\"]' WHERE name = 'ann'"), { credentials: 1, t1: 0, t2: 0 }, 'a role change');
        assert.deepEqual(await step("UPDATE sops SET status = 'archived' WHERE id = 'sop_1'"), { credentials: 0, t1: 1, t2: 0 }, "an SOP of t1");
        assert.deepEqual(await step("UPDATE runs SET version = 2, last_hash = 'y' WHERE id = 'linked'"), { credentials: 0, t1: 0, t2: 0 }, 'a run moving on without a status change');
        assert.deepEqual(await step("UPDATE runs SET status = 'completed', ended_at = ? WHERE id = 'linked'", at), { credentials: 0, t1: 1, t2: 0 }, 'a linked run ending');
        assert.deepEqual(await step("UPDATE runs SET status = 'completed' WHERE id = 'loose'"), { credentials: 0, t1: 0, t2: 0 }, 'a run no SOP links');
        await location.tamper(async (raw) => {
          const rows = await raw.all<{ key: string; value: string }>("SELECT key, value FROM store_meta WHERE key LIKE '%version%' AND key <> 'directory_version' ORDER BY key");
          assert.deepEqual(rows, [{ key: 'credentials_version', value: '3' }, { key: 'library_version:t1', value: '5' }, { key: 'library_version:t2', value: '9' }], 'the rows every process reads (seeding: 3 library bumps of t1, 1 of t2; 8 markers)');
        });
      } finally {
        await store?.close();
        await location.dispose();
      }
    });
  });
}
