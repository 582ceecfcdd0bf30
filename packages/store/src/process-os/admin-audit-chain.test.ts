import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { RunStore } from '@sopflow/engine';
import { auditKeyId, type AuditKey } from '../audit/audit-key.js';
import { hashEvent } from '../audit/hash-event.js';
import { join } from 'node:path';
import { createPostgresStore, createSqliteStore, migrateStore, processRecordsOf, type AdminAuditReport, type AdminAuditRow, type ProcessRecords, type StoreAuditReport, type StoreTarget } from '../index.js';
import { openMaintenanceDatabase } from '../maintenance/store-target.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { storeLocations, type RawDatabase, type StoreLocation } from '../test-support/store-locations.js';

const secret = randomBytes(32);
const KEY: AuditKey = { id: auditKeyId(secret), secret };
const disposals: StoreLocation[] = [];
after(async () => { for (const location of disposals) await location.dispose(); });

function records(store: RunStore): ProcessRecords {
  return processRecordsOf(store)!;
}

function row(tenantId: string, n: number, action = 'user.add'): AdminAuditRow {
  return { id: `au-${tenantId}-${String(n).padStart(3, '0')}`, tenantId, at: `2026-12-07T10:00:${String(n % 60).padStart(2, '0')}.000Z`, actor: 'ops@acme', action, target: `u${n}@acme`, details: { roles: ['admin'] } };
}

/** A store at a fresh location with two tenants' logs of three rows each, closed again. */
async function seeded(make: () => Promise<StoreLocation>): Promise<StoreLocation> {
  const location = await make();
  disposals.push(location);
  const store = await location.open({ auditKey: KEY });
  try {
    for (const tenant of ['t-a', 't-b']) for (let n = 1; n <= 3; n++) await records(store).audit.record(row(tenant, n));
  } finally {
    await store.close();
  }
  return location;
}

/** Every tenant's admin log as the whole-store audit checks it (its `adminLog`). */
async function verifyAdmin(location: StoreLocation, auditKey: AuditKey | undefined = KEY): Promise<AdminAuditReport> {
  const store = await location.open({ readonly: true, ...(auditKey === undefined ? {} : { auditKey }) });
  try {
    const report: StoreAuditReport = await store.verifyAuditChain();
    assert.ok(report.adminLog !== undefined, 'a whole-store audit of a durable store reports its admin log');
    return report.adminLog;
  } finally {
    await store.close();
  }
}

/** One tenant's admin log checked as its admin's route does (its chain and the checkpoints' heads of it). */
async function verifyTenant(location: StoreLocation, tenantId: string): Promise<AdminAuditReport> {
  const store = await location.open({ readonly: true, auditKey: KEY });
  try {
    return await records(store).audit.verify(tenantId);
  } finally {
    await store.close();
  }
}

const tampering: [string, (raw: RawDatabase) => Promise<void>, RegExp, number][] = [
  ['a row deleted from the middle', (raw) => raw.run("DELETE FROM admin_audit WHERE id = 'au-t-a-002'"), /^the admin log of tenant t-a: row 2 is missing \(next stored is 3\)$/, 2],
  ['a row edited ("granted admin" becomes "granted viewer")', (raw) => raw.run(`UPDATE admin_audit SET details = '{"roles":["viewer"]}' WHERE id = 'au-t-a-002'`),
    /^the admin log of tenant t-a: row 2 \(user\.add\) does not match its HMAC under the audit key: changed after it was written, or re-hashed with another key \[row id au-t-a-002\]$/, 2],
  ['two rows swapped', async (raw) => {
    await raw.run("UPDATE admin_audit SET seq = -1 WHERE id = 'au-t-a-001'");
    await raw.run("UPDATE admin_audit SET seq = 1 WHERE id = 'au-t-a-002'");
    await raw.run("UPDATE admin_audit SET seq = 2 WHERE id = 'au-t-a-001'");
  }, /^the admin log of tenant t-a: row 1 does not link to row 0 \(inserted or reordered\) \[row id au-t-a-002\]$/, 1],
  ['the newest row deleted and the head moved back', async (raw) => {
    await raw.run("DELETE FROM admin_audit WHERE id = 'au-t-a-003'");
    const [second] = await raw.all<{ hash: string }>("SELECT hash FROM admin_audit WHERE id = 'au-t-a-002'");
    await raw.run("UPDATE admin_audit_heads SET seq = 2, last_hash = ? WHERE tenant_key = 't-a'", second.hash);
  }, /head \(2 rows, last hash\) does not match its MAC/, 0],
  ['the log re-hashed without the key after an edit', async (raw) => {
    const rows = await raw.all<{ id: string; tenant_id: string; at: string; actor: string; action: string; target: string; details: string; seq: number }>(
      "SELECT id, tenant_id, at, actor, action, target, details, seq FROM admin_audit WHERE tenant_id = 't-a' ORDER BY seq");
    let prev = '';
    for (const r of rows) {
      const details = r.seq === 2 ? '{"roles":["viewer"]}' : r.details;
      const hash = hashEvent(prev, 'admin-audit:t-a', Number(r.seq), r.action, r.at, JSON.stringify([r.id, r.tenant_id, r.actor, r.target, details]));
      await raw.run('UPDATE admin_audit SET details = ?, prev_hash = ?, hash = ? WHERE id = ?', details, prev, hash, r.id);
      prev = hash;
    }
    await raw.run("UPDATE admin_audit_heads SET last_hash = ?, scheme = 'sha256', head_mac = NULL WHERE tenant_key = 't-a'", prev);
  }, /no head MAC although the store is keyed/, 0],
  ['the newest row deleted, the head left as it was', (raw) => raw.run("DELETE FROM admin_audit WHERE id = 'au-t-a-003'"),
    /^the admin log of tenant t-a: the log records 3 rows but only 2 are stored$/, 3],
  ['the head moved back over a row still stored', async (raw) => {
    const [second] = await raw.all<{ hash: string }>("SELECT hash FROM admin_audit WHERE id = 'au-t-a-002'");
    await raw.run("UPDATE admin_audit_heads SET seq = 2, last_hash = ? WHERE tenant_key = 't-a'", second.hash);
  }, /^the admin log of tenant t-a: row 3 was added after the log's last recorded row \[row id au-t-a-003\]$/, 3],
  ['the head\'s last hash replaced', (raw) => raw.run("UPDATE admin_audit_heads SET last_hash = 'f00d' WHERE tenant_key = 't-a'"),
    /^the admin log of tenant t-a: the last row's hash does not match the log's recorded head \[row id au-t-a-003\]$/, 3],
  ['a row inserted behind the log', (raw) => raw.run(
    "INSERT INTO admin_audit (id, tenant_id, at, actor, action, target, details) VALUES ('au-forged', 't-a', '2026-12-07T09:00:00.000Z', 'ops@acme', 'user.remove', 'cfo@acme', NULL)"), /row au-forged \(user\.remove\) is not in the chain/, 0],
];

for (const [dialect, make] of storeLocations()) {
  describe(`the admin audit chain on ${dialect}`, () => {
    it('verifies two tenants\' untouched logs, and lists each tenant only its own rows', async () => {
      const location = await seeded(make);
      const report = await verifyAdmin(location);
      assert.deepEqual({ ok: report.ok, tenants: report.tenantsChecked, rows: report.rowsChecked, breaks: report.breaks }, { ok: true, tenants: 2, rows: 6, breaks: [] });
      const store = await location.open({ auditKey: KEY });
      try {
        assert.deepEqual((await records(store).audit.list('t-a')).map((r) => r.id), ['au-t-a-001', 'au-t-a-002', 'au-t-a-003']);
        assert.deepEqual((await records(store).audit.list('t-b')).map((r) => r.tenantId), ['t-b', 't-b', 't-b']);
      } finally {
        await store.close();
      }
    });

    for (const [name, edit, message, seq] of tampering) {
      it(`reports ${name} with the tenant and the row`, async () => {
        const location = await seeded(make);
        await location.tamper(edit);
        const report = await verifyAdmin(location);
        assert.equal(report.ok, false);
        assert.equal(report.breaks.length, 1, JSON.stringify(report.breaks));
        assert.equal(report.breaks[0].tenantId, 't-a');
        assert.equal(report.breaks[0].seq, seq);
        assert.match(report.breaks[0].message, message);
      });
    }

    it('holds each tenant\'s admin head to the signed checkpoints: a rollback to an older, consistent copy of the log is reported', async () => {
      const location = await make();
      disposals.push(location);
      const store = await location.open({ auditKey: KEY });
      let older: { seq: number; last_hash: string; head_mac: string } | undefined;
      try {
        for (let n = 1; n <= 2; n++) await records(store).audit.record(row('t-a', n));
        await location.tamper(async (raw) => { [older] = await raw.all("SELECT seq, last_hash, head_mac FROM admin_audit_heads WHERE tenant_key = 't-a'"); });
        await records(store).audit.record(row('t-a', 3));
        await records(store).audit.record(row('t-b', 1));
        const checkpoint = await store.writeAuditCheckpoint(new Date('2026-12-07T11:00:00.000Z'));
        assert.equal(checkpoint.runCount, 2, 'the checkpoint signed both tenants\' admin heads');
        assert.equal((await store.verifyAuditChain()).ok, true);
      } finally {
        await store.close();
      }
      // The newest row removed and the head put back as it was after row 2: every MAC and link is genuine.
      await location.tamper(async (raw) => {
        await raw.run("DELETE FROM admin_audit WHERE id = 'au-t-a-003'");
        await raw.run("UPDATE admin_audit_heads SET seq = ?, last_hash = ?, head_mac = ? WHERE tenant_key = 't-a'", Number(older!.seq), older!.last_hash, older!.head_mac);
      });
      assert.equal((await verifyAdmin(location)).ok, true, 'the rolled-back log is consistent in itself');
      const tenant = await verifyTenant(location, 't-a');
      assert.equal(tenant.ok, false, "the tenant's own check holds its head to the checkpoint too");
      assert.deepEqual(tenant.breaks.map((b) => [b.tenantId, b.seq, b.problem]), [['t-a', 3, 'truncated']]);
      assert.match(tenant.breaks[0].message, /^the admin log of tenant t-a had 3 rows at checkpoint 1 \(2026-12-07T11:00:00\.000Z\) but now records 2$/);
      assert.deepEqual(await verifyTenant(location, 't-b'), { ok: true, tenantsChecked: 1, directoryLogChecked: false, rowsChecked: 1, unkeyedTenants: [], breaks: [] }, "another tenant's check reads and reports only its own log");
      const reader = await location.open({ readonly: true, auditKey: KEY });
      try {
        const report = await reader.verifyAuditChain();
        assert.equal(report.ok, false);
        assert.deepEqual(report.breaks.map((b) => [b.runId, b.problem]), [['admin-audit:t-a', 'truncated']]);
        assert.match(report.breaks[0].message, /^the admin log of tenant t-a had 3 rows at checkpoint 1 .* but now records 2/);
      } finally {
        await reader.close();
      }
    });

    it('keeps one unforked chain per tenant when 12 admin actions of one tenant are recorded at once from two handles', async () => {
      const location = await make();
      disposals.push(location);
      const [one, two] = [await location.open({ auditKey: KEY }), await location.open({ auditKey: KEY })];
      try {
        await Promise.all(Array.from({ length: 12 }, (_, i) => records(i % 2 === 0 ? one : two).audit.record(row('t-a', i + 1))));
      } finally {
        await one.close();
        await two.close();
      }
      const report = await verifyAdmin(location);
      assert.deepEqual({ ok: report.ok, rows: report.rowsChecked, breaks: report.breaks }, { ok: true, rows: 12, breaks: [] });
      const seqs: number[] = [];
      await location.tamper(async (raw) => { for (const r of await raw.all<{ seq: number }>('SELECT seq FROM admin_audit ORDER BY seq')) seqs.push(Number(r.seq)); });
      assert.deepEqual(seqs, Array.from({ length: 12 }, (_, i) => i + 1));
    });

    it('checks links but not MACs without the key, and an unkeyed store\'s log is MAC-sealed once when it is first keyed', async () => {
      const location = await make();
      disposals.push(location);
      const unkeyed = await location.open();
      try {
        await records(unkeyed).audit.record(row('t-a', 1));
      } finally {
        await unkeyed.close();
      }
      const before = await verifyAdmin(location, undefined);
      assert.deepEqual({ ok: before.ok, unkeyed: before.unkeyedTenants }, { ok: true, unkeyed: ['t-a'] });
      await (await location.open({ auditKey: KEY })).close();
      assert.equal((await verifyAdmin(location)).ok, true);
      await location.tamper((raw) => raw.run("UPDATE admin_audit_heads SET head_mac = NULL WHERE tenant_key = 't-a'"));
      const reopened = await location.open({ auditKey: KEY });
      await reopened.close();
      const after = await verifyAdmin(location);
      assert.equal(after.ok, false, 'a MAC removed after sealing is reported, not re-sealed by the next open');
      assert.match(after.breaks[0].message, /no head MAC/);
    });
  });
}

const BEFORE_CHAIN = '0019_change_versions';

/** A SQLite file or PostgreSQL schema as a migration target, with how to open the store on it. */
async function upgradeTarget(dialect: string): Promise<{ target: StoreTarget; open: (auditKey?: AuditKey, readonly?: boolean) => Promise<RunStore> }> {
  if (dialect === 'sqlite') {
    const file = join(tempDir(), 'store.db');
    return { target: { kind: 'sqlite', file }, open: (auditKey, readonly = false) => createSqliteStore(file, { readonly, ...(auditKey === undefined ? {} : { auditKey }) }) };
  }
  const schema = await freshTestSchema();
  disposals.push({ where: schema, open: () => Promise.reject(new Error('unused')), tamper: () => Promise.resolve(), dispose: () => dropTestSchema(schema) });
  return { target: { kind: 'postgres', url: TEST_POSTGRES_URL, schema }, open: (auditKey, readonly = false) => createPostgresStore(TEST_POSTGRES_URL, { schema, readonly, ...(auditKey === undefined ? {} : { auditKey }) }) };
}

for (const dialect of ['sqlite', 'postgres']) {
  describe(`upgrading the admin audit log to a chain on ${dialect} (${BEFORE_CHAIN} → 0020)`, () => {
    for (const keyed of [true, false]) {
      it(`chains the rows already there once per tenant in (at, id) order, then ${keyed ? 'MACs their heads at the keyed open' : 'MACs their heads when the store is first keyed'}; a later append continues each chain`, async () => {
        const { target, open } = await upgradeTarget(dialect);
        await migrateStore(target, { to: BEFORE_CHAIN });
        const opened = await openMaintenanceDatabase(target);
        try {
          // Keyed before the upgrade, as a store in use would be (a writable open would migrate it).
          if (keyed) await opened.db.insertInto('store_meta').values({ key: 'audit_key_id', value: KEY.id }).execute();
          // Inserted out of (at, id) order; two at the same instant, ordered by id.
          const old = [row('t-b', 2), row('t-a', 3), row('t-a', 1), { ...row('t-a', 2), id: 'au-t-a-002b', at: row('t-a', 1).at }, row('t-b', 1)];
          await opened.db.insertInto('admin_audit' as never).values(old.map((r) => ({
            id: r.id, tenant_id: r.tenantId, at: r.at, actor: r.actor, action: r.action, target: r.target, details: JSON.stringify(r.details),
          })) as never).execute();
        } finally {
          await opened.close();
        }
        assert.equal((await migrateStore(target)).ran[0], '0020_admin_audit_chain');
        const store = await open(KEY);
        try {
          await records(store).audit.record(row('t-a', 4));
          assert.deepEqual((await records(store).audit.list('t-a')).map((r) => r.id), ['au-t-a-001', 'au-t-a-002b', 'au-t-a-003', 'au-t-a-004']);
        } finally {
          await store.close();
        }
        const report = await verifyAdmin({ where: '', open: (options) => open(options?.auditKey, true), tamper: () => Promise.resolve(), dispose: () => Promise.resolve() });
        assert.deepEqual({ ok: report.ok, tenants: report.tenantsChecked, rows: report.rowsChecked, unkeyed: report.unkeyedTenants }, { ok: true, tenants: 2, rows: 6, unkeyed: [] });
        const seqs = await (async () => {
          const db = await openMaintenanceDatabase(target);
          try {
            return (await db.db.selectFrom('admin_audit' as never).select(['id', 'seq'] as never).where('tenant_id' as never, '=', 't-a' as never).execute() as { id: string; seq: number }[])
              .sort((a, b) => Number(a.seq) - Number(b.seq)).map((r) => `${Number(r.seq)} ${r.id}`);
          } finally {
            await db.close();
          }
        })();
        assert.deepEqual(seqs, ['1 au-t-a-001', '2 au-t-a-002b', '3 au-t-a-003', '4 au-t-a-004']);
        // Sealing re-linked the migrated rows with HMAC: a row edited and re-hashed without the key is named.
        const tamperable = await openMaintenanceDatabase(target);
        try {
          const [r] = await tamperable.db.selectFrom('admin_audit' as never).select(['at', 'prev_hash'] as never).where('id' as never, '=', 'au-t-a-002b' as never).execute() as { at: string; prev_hash: string }[];
          const forged = hashEvent(r.prev_hash, 'admin-audit:t-a', 2, 'user.add', r.at, JSON.stringify(['au-t-a-002b', 't-a', 'someone-else', 'u2@acme', JSON.stringify({ roles: ['admin'] })]));
          await tamperable.db.updateTable('admin_audit' as never).set({ actor: 'someone-else', hash: forged } as never).where('id' as never, '=', 'au-t-a-002b' as never).execute();
        } finally {
          await tamperable.close();
        }
        const tampered = await verifyAdmin({ where: '', open: (options) => open(options?.auditKey, true), tamper: () => Promise.resolve(), dispose: () => Promise.resolve() });
        assert.deepEqual(tampered.breaks.map((b) => [b.tenantId, b.seq, b.rowId]), [['t-a', 2, 'au-t-a-002b']]);
        assert.match(tampered.breaks[0].message, /carries a plain SHA-256 hash where the audit key's HMAC belongs/);
      });
    }
  });
}
