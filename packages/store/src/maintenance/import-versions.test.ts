import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunStore } from '@sopflow/engine';
import { exportStore, importStore, type StoreTarget } from '../index.js';
import { TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { storeLocations, type RawDatabase, type StoreLocation } from '../test-support/store-locations.js';

const at = '2026-12-07T12:00:00.000Z';

/** Tenants t1 and t2, a token and a session, an SOP of each tenant; then `churn` revokes and renames, each a version bump. */
async function seed(raw: RawDatabase, churn: number): Promise<void> {
  for (const id of ['t1', 't2']) await raw.run('INSERT INTO tenants (id, slug, name, created_at) VALUES (?, ?, ?, ?)', id, id, id, at);
  await raw.run("INSERT INTO users (name, roles, admin, created_at, updated_at, tenant_id, email) VALUES ('ann', '[\"owner\"]', 0, ?, ?, 't1', 'ann')", at, at);
  await raw.run("INSERT INTO api_tokens (id, tenant_id, user_name, scope, token_hash, created_at) VALUES ('tok', 't1', 'ann', 'read', 'h', ?)", at);
  await raw.run("INSERT INTO sessions (id_hash, tenant_id, user_name, csrf_token, created_at, expires_at) VALUES ('s', 't1', 'ann', 'c', ?, ?)", at, at);
  await raw.run("INSERT INTO workflows (hash, workflow_id, text, created_at) VALUES ('wh', 'w', 'x', ?)", at);
  for (const tenant of ['t1', 't2']) {
    await raw.run(`INSERT INTO sops (id, tenant_id, workflow_id, title, status, allow_overlap, current_version_id, created_by, created_at, updated_at)
      VALUES (?, ?, 'w', 'One', 'active', 0, 'v1', 'ann', ?, ?)`, `sop_${tenant}`, tenant, at, at);
  }
  await raw.run("INSERT INTO store_meta (key, value) VALUES ('directory_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", String(churn + 1));
  for (let i = 0; i < churn; i++) {
    await raw.run("UPDATE api_tokens SET revoked_at = ? WHERE id = 'tok'", `${at}#${i}`);
    for (const tenant of ['t1', 't2']) await raw.run('UPDATE sops SET title = ? WHERE id = ?', `One ${i}`, `sop_${tenant}`);
  }
}

const versionsOf = async (location: StoreLocation): Promise<Record<string, number>> => {
  let rows: { key: string; value: string }[] = [];
  await location.tamper(async (raw) => { rows = await raw.all("SELECT key, value FROM store_meta WHERE key <> 'audit_key_id' ORDER BY key"); });
  return Object.fromEntries(rows.map((r) => [r.key, Number(r.value)]));
};

const targetOf = (name: string, location: StoreLocation): StoreTarget => (name === 'sqlite'
  ? { kind: 'sqlite', file: location.where } : { kind: 'postgres', url: TEST_POSTGRES_URL, schema: location.where });

for (const [name, makeLocation] of storeLocations()) {
  describe(`db import --replace into a ${name} store: the change versions move forward`, () => {
    it('leaves every version (credentials, directory, each tenant\'s library) above what the target held, though the export\'s counts are smaller, and a running server\'s versions move', async () => {
      const source = await makeLocation();
      const target = await makeLocation();
      let running: RunStore | undefined;
      try {
        for (const location of [source, target]) await (await location.open()).close();
        await source.tamper((raw) => seed(raw, 1));
        await target.tamper((raw) => seed(raw, 20));
        // t3 is only in the target: its library key must move too although the import holds none of it.
        await target.tamper(async (raw) => {
          await raw.run('INSERT INTO tenants (id, slug, name, created_at) VALUES (?, ?, ?, ?)', 't3', 't3', 't3', at);
          await raw.run(`INSERT INTO sops (id, tenant_id, workflow_id, title, status, allow_overlap, current_version_id, created_by, created_at, updated_at)
            VALUES ('sop_t3', 't3', 'w', 'Three', 'active', 0, 'v1', 'ann', ?, ?)`, at, at);
        });
        const exported: string[] = [];
        await exportStore(targetOf(name, source), (line) => { exported.push(line); });
        const small = await versionsOf(source);
        const held = await versionsOf(target);
        assert.deepEqual(Object.keys(held), ['credentials_version', 'directory_version', 'library_version:t1', 'library_version:t2', 'library_version:t3']);
        for (const key of ['credentials_version', 'directory_version', 'library_version:t1']) assert.ok(small[key]! < held[key]!, `the export's ${key} (${small[key]}) is below the target's (${held[key]})`);

        // A server on the target: its versions as it caches by them (PostgreSQL: once its listener is up).
        running = await target.open();
        const versions = running.changeVersions!;
        for (let i = 0; i < 400 && versions.credentials() === undefined; i++) await new Promise((r) => setTimeout(r, 25));
        const seen = { credentials: versions.credentials()!, t1: versions.library('t1')!, t2: versions.library('t2')!, t3: versions.library('t3')! };

        await importStore(targetOf(name, target), (async function* () { yield* exported; })(), { replace: true });

        const now = await versionsOf(target);
        for (const [key, value] of Object.entries(held)) assert.ok(now[key]! > value, `${key}: ${now[key]} after the import, ${value} before`);
        assert.ok(now['library_version:t1']! >= small['library_version:t1']!, 'never below the export\'s own count');
        // PostgreSQL delivers the import's NOTIFYs after its commit, not necessarily in one read: wait (10 s at most) until every key moved.
        const read = () => ({ credentials: versions.credentials()!, t1: versions.library('t1')!, t2: versions.library('t2')!, t3: versions.library('t3')! });
        const allMoved = () => (['credentials', 't1', 't2', 't3'] as const).every((key) => read()[key] > seen[key]);
        for (let i = 0; i < 400 && !allMoved(); i++) await new Promise((r) => setTimeout(r, 25));
        const moved = read();
        for (const key of ['credentials', 't1', 't2', 't3'] as const) assert.ok(moved[key] > seen[key], `the running store's ${key} version moved (${seen[key]} → ${moved[key]})`);
      } finally {
        await running?.close();
        await source.dispose();
        await target.dispose();
      }
    });
  });
}
