import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseWorkflowSource } from '@sopflow/engine';
import { addAccountUser, createTenant, openWorkspace, verifyAudit } from '../index.js';

const TWO_STEPS = parseWorkflowSource(`osop_version: "1.1"
id: two-steps
name: Two steps
nodes:
  - { id: a, type: system, runtime: { action: noop } }
  - { id: b, type: system, runtime: { action: noop } }
edges:
  - { from: a, to: b }
`, 'two-steps.osop');

describe('a session that wrote events leaves a signed audit checkpoint when it closes', () => {
  it('so a whole run deleted afterwards (run row and events) is reported, where no checkpoint would leave nothing to compare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-checkpoint-'));
    const options = { db: join(dir, 'state.db'), auditKeyFile: join(dir, 'keys', 'audit.key'), env: {} };
    const ws = await openWorkspace(options);
    const kept = await ws.engine.startRun(TWO_STEPS, {});
    const doomed = await ws.engine.startRun(TWO_STEPS, {});
    await ws.close();

    const reader = await openWorkspace({ ...options, readonly: true });
    const clean = await verifyAudit(reader);
    await reader.close();
    assert.equal(clean.ok, true);
    assert.equal(clean.keyed, true);
    assert.equal(clean.checkpoint?.runCount, 2, 'the checkpoint covers both runs');

    const sqlite = new Database(options.db);
    sqlite.prepare('DELETE FROM events WHERE run_id = ?').run(doomed);
    sqlite.prepare('DELETE FROM runs WHERE id = ?').run(doomed);
    sqlite.close();

    const after = await openWorkspace({ ...options, readonly: true });
    const report = await verifyAudit(after);
    await after.close();
    assert.equal(report.ok, false);
    assert.ok(report.breaks.some((b) => b.runId === doomed && b.problem === 'deleted'), JSON.stringify(report.breaks));
    assert.ok(!report.breaks.some((b) => b.runId === kept));
  });

  it('so does a session that recorded only admin acts: the tenant\'s admin log rolled back to an older copy afterwards is reported', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-checkpoint-admin-'));
    const options = { db: join(dir, 'state.db'), auditKeyFile: join(dir, 'audit.key'), env: {} };
    const first = await openWorkspace(options);
    const tenant = await createTenant({ store: first.store, localAdmin: 'root' }, { slug: 'acme' });
    await first.close();
    const older = new Database(options.db, { readonly: true });
    const head = older.prepare<[], { seq: number; last_hash: string; head_mac: string }>('SELECT seq, last_hash, head_mac FROM admin_audit_heads').get()!;
    older.close();
    const second = await openWorkspace(options);
    await addAccountUser({ store: second.store, localAdmin: 'root' }, { tenant: 'acme', email: 'ops@acme.test', roles: ['admin'] });
    await second.close();

    const sqlite = new Database(options.db);
    assert.equal((sqlite.prepare('SELECT count(*) AS n FROM audit_checkpoints').get() as { n: number }).n, 2, 'one checkpoint per session that recorded an admin act');
    sqlite.prepare("DELETE FROM admin_audit WHERE action = 'user.add'").run();
    sqlite.prepare('UPDATE admin_audit_heads SET seq = ?, last_hash = ?, head_mac = ?').run(head.seq, head.last_hash, head.head_mac);
    sqlite.close();

    const reader = await openWorkspace({ ...options, readonly: true });
    const report = await verifyAudit(reader);
    await reader.close();
    assert.equal(report.adminLog?.ok, true, 'the rolled-back log is consistent in itself');
    assert.deepEqual(report.breaks.map((b) => [b.runId, b.problem]), [[`admin-audit:${tenant.id}`, 'truncated']]);
  });

  it('a read-only session writes no checkpoint (and creates no key)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-checkpoint-ro-'));
    const options = { db: join(dir, 'state.db'), auditKeyFile: join(dir, 'audit.key'), env: {} };
    const ws = await openWorkspace(options);
    await ws.close();
    const sqlite = new Database(options.db, { readonly: true });
    const count = (sqlite.prepare('SELECT count(*) AS n FROM audit_checkpoints').get() as { n: number }).n;
    sqlite.close();
    assert.equal(count, 0, 'a session that wrote no events leaves no checkpoint');
  });
});
