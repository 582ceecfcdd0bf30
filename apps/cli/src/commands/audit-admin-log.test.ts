import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

describe('sopflow audit verify checks every tenant\'s admin log (real binary, real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-audit-admin-'));
  const env = { HOME: dir, SOPFLOW_AUDIT_KEY_FILE: '' };
  const [db, key] = [join(dir, 's.db'), join(dir, 'a.key')];
  const sopflow = (...args: string[]) => runSopflow([...args, '--db', db, '--audit-key', key], { cwd: dir, env });

  it('passes on two untouched tenant logs (tenants create) and counts their rows', () => {
    for (const slug of ['acme', 'globex']) assert.equal(sopflow('tenants', 'create', slug).status, 0);
    const ok = sopflow('audit', 'verify');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /audit ok: 0 run\(s\), 0 event\(s\), \d+ admin log row\(s\) of 2 tenant\(s\) in /);
    // The signed checkpoint holds the two admin heads; they are not counted as runs.
    assert.match(ok.stdout, /checkpoint \d+ of \S+ \(0 run\(s\), 2 admin log\(s\)\) holds/);
  });

  it('exits 1 naming the tenant and the row when an admin row is rewritten behind its back', () => {
    const raw = new Database(db);
    const row = raw.prepare<[], { id: string; tenant_id: string }>("SELECT id, tenant_id FROM admin_audit WHERE action = 'tenant.create' ORDER BY at LIMIT 1").get()!;
    raw.prepare("UPDATE admin_audit SET actor = 'someone-else' WHERE id = ?").run(row.id);
    raw.close();
    const broken = sopflow('audit', 'verify');
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, new RegExp(`BROKEN admin log \\(changed\\): the admin log of tenant ${row.tenant_id}: row 1 \\(tenant\\.create\\) does not match its HMAC under the audit key.*\\[row id ${row.id}\\]`));
    assert.doesNotMatch(broken.stdout, /audit ok/);
    assert.ok(!hasStackTrace(broken.stderr));
    const json = sopflow('audit', 'verify', '--json');
    assert.equal(json.status, 1);
    const report = JSON.parse(json.stdout) as { ok: boolean; adminLog: { breaks: { tenantId: string; rowId: string }[] } };
    assert.deepEqual({ ok: report.ok, at: report.adminLog.breaks.map((b) => [b.tenantId, b.rowId]) }, { ok: false, at: [[row.tenant_id, row.id]] });
  });

  it('exits 1 naming the tenant when its whole admin log (rows and head) is deleted: the signed checkpoint still holds it', () => {
    const dir2 = mkdtempSync(join(tmpdir(), 'sopflow-audit-admin-wiped-'));
    const db2 = join(dir2, 's.db');
    const run = (...args: string[]) => runSopflow([...args, '--db', db2, '--audit-key', join(dir2, 'a.key')], { cwd: dir2, env: { HOME: dir2, SOPFLOW_AUDIT_KEY_FILE: '' } });
    for (const slug of ['acme', 'globex']) assert.equal(run('tenants', 'create', slug).status, 0);
    const raw = new Database(db2);
    const tenant = raw.prepare<[], { id: string }>("SELECT id FROM tenants WHERE slug = 'acme'").get()!.id;
    raw.prepare('DELETE FROM admin_audit WHERE tenant_id = ?').run(tenant);
    raw.prepare('DELETE FROM admin_audit_heads WHERE tenant_key = ?').run(tenant);
    raw.close();
    const wiped = run('audit', 'verify');
    assert.equal(wiped.status, 1, wiped.stdout + wiped.stderr);
    assert.match(wiped.stdout, new RegExp(`BROKEN admin log \\(deleted\\): the admin log of tenant ${tenant} was in checkpoint \\d+ .* no longer exists`));
    assert.doesNotMatch(wiped.stdout, /BROKEN run admin-audit/);
  });
});

describe('sopflow users … without --tenant is recorded in the admin log of no tenant, which audit verify checks (real binary, real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-audit-directory-'));
  const env = { HOME: dir, SOPFLOW_AUDIT_KEY_FILE: '' };
  const db = join(dir, 's.db');
  const sopflow = (...args: string[]) => runSopflow([...args, '--db', db, '--audit-key', join(dir, 'a.key')], { cwd: dir, env });
  const directoryRows = () => {
    const raw = new Database(db, { readonly: true });
    try {
      return raw.prepare<[], { id: string; seq: number; actor: string; action: string; target: string; details: string }>('SELECT id, seq, actor, action, target, details FROM admin_audit WHERE tenant_id IS NULL ORDER BY seq').all();
    } finally {
      raw.close();
    }
  };

  it('records users add, set and remove of an operator, with who and what, and verifies them', () => {
    for (const args of [['users', 'add', 'ada', '--role', 'lead'], ['users', 'add', 'wes', '--role', 'warehouse'], ['users', 'set', 'wes', '--role', 'dock', '--admin'], ['users', 'remove', 'wes']]) {
      const r = sopflow(...args);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    const rows = directoryRows();
    assert.deepEqual(rows.map((r) => [r.seq, r.actor, r.action, r.target]), [
      [1, 'local operator', 'user.add', 'ada'], [2, 'ada', 'user.add', 'wes'], [3, 'ada', 'user.change', 'wes'], [4, 'ada', 'user.remove', 'wes'],
    ]);
    assert.deepEqual(JSON.parse(rows[2]!.details), { from: { roles: ['warehouse'], admin: false }, to: { roles: ['dock'], admin: true } });
    const ok = sopflow('audit', 'verify');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /audit ok: 0 run\(s\), 0 event\(s\), 4 admin log row\(s\) of the store-wide directory log in /, 'the log of no tenant is named, not counted as a tenant');
    assert.match(ok.stdout, /checkpoint \d+ of \S+ \(0 run\(s\), 1 admin log\(s\)\) holds/, 'the session that changed the directory left a checkpoint holding its log');
  });

  it('exits 1 naming the directory\'s log and the row when an operator\'s grant is rewritten behind its back', () => {
    const grant = directoryRows().find((r) => r.action === 'user.change')!;
    const raw = new Database(db);
    raw.prepare('UPDATE admin_audit SET details = ? WHERE id = ?').run(JSON.stringify({ from: { roles: ['warehouse'], admin: false }, to: { roles: ['dock'], admin: false } }), grant.id);
    raw.close();
    const broken = sopflow('audit', 'verify');
    assert.equal(broken.status, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, new RegExp(`BROKEN admin log \\(changed\\): the admin log of no tenant \\(the store-wide directory\\): row 3 \\(user\\.change\\) does not match its HMAC.*\\[row id ${grant.id}\\]`));
    assert.ok(!hasStackTrace(broken.stderr));
  });
});
