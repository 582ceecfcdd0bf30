import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  addAccountUser, authenticateToken, createLoginLimiter, createTenant, createToken, listAuditLog, login, removeUser, setUser, verifyAudit, type TenantActor, type Workspace, openWorkspace,
} from '@sopflow/service';

describe('the admin log records every directory change of a tenant and shows each tenant only its own (real SQLite, keyed)', () => {
  let dir: string;
  let ws: Workspace;
  let acme: TenantActor;
  let globex: TenantActor;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-admin-log-'));
    ws = await openWorkspace({ db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir });
    const local = { store: ws.store, localAdmin: 'root' };
    for (const slug of ['acme', 'globex']) {
      await createTenant(local, { slug });
      await addAccountUser(local, { tenant: slug, email: `ad@${slug}.test`, roles: ['admin'] });
    }
    await addAccountUser(local, { tenant: 'acme', email: 'ops@acme.test', roles: ['viewer'] });
    acme = await authenticateToken(ws.store, (await createToken(local, { tenant: 'acme', user: 'ad@acme.test', scope: 'admin' })).token);
    globex = await authenticateToken(ws.store, (await createToken(local, { tenant: 'globex', user: 'ad@globex.test', scope: 'admin' })).token);
    const directoryAdmin = { store: ws.store, actor: { name: 'root', roles: [], admin: true } };
    await setUser(directoryAdmin, 'ops@acme.test', { roles: ['admin'], admin: true });
    await removeUser(directoryAdmin, 'ops@acme.test');
  });
  after(async () => { await ws.close(); rmSync(dir, { recursive: true, force: true }); });

  it('records tenant.create, user.add, token.create, the role change and the removal in acme\'s log, with who and what', async () => {
    const log = await listAuditLog({ store: ws.store, actor: acme });
    assert.deepEqual(log.map((r) => `${r.action} ${r.target}`).filter((l) => !l.startsWith('tenant.create') && !l.startsWith('token.create')),
      ['user.add ad@acme.test', 'user.add ops@acme.test', 'user.change ops@acme.test', 'user.remove ops@acme.test']);
    assert.ok(log.some((r) => r.action === 'tenant.create') && log.some((r) => r.action === 'token.create'));
    const change = log.find((r) => r.action === 'user.change')!;
    assert.deepEqual({ actor: change.actor, details: change.details }, { actor: 'root', details: { from: { roles: ['viewer'], admin: false }, to: { roles: ['admin'], admin: true } } });
  });

  it("shows globex's admin none of acme's rows", async () => {
    const log = await listAuditLog({ store: ws.store, actor: globex });
    assert.ok(log.length >= 3);
    assert.deepEqual([...new Set(log.map((r) => r.tenantId))], [globex.tenantId]);
    assert.equal(log.some((r) => String(r.target).includes('acme')), false);
  });

  it('records the failed sign-in that locks an account once, in its own tenant\'s log, without the password', async () => {
    await addAccountUser({ store: ws.store, localAdmin: 'root' }, { tenant: 'acme', email: 'pw@acme.test', roles: ['viewer'], password: 'correct horse' });
    const limiter = createLoginLimiter(ws.store, { maxFailures: 3 });
    for (let i = 0; i < 4; i++) await assert.rejects(login(ws.store, limiter, { email: 'pw@acme.test', password: `wrong guess ${i}` }));
    const locked = (await listAuditLog({ store: ws.store, actor: acme })).filter((r) => r.action === 'session.locked');
    assert.deepEqual(locked.map((r) => [r.actor, r.target, r.details]), [['anonymous', 'pw@acme.test', null]]);
    assert.equal(JSON.stringify(await listAuditLog({ store: ws.store, actor: acme })).includes('wrong guess'), false);
    assert.equal((await listAuditLog({ store: ws.store, actor: globex })).some((r) => r.action === 'session.locked'), false);
  });

  it('verifies both tenants\' chains as part of the whole-store audit', async () => {
    const report = await verifyAudit({ store: ws.store });
    assert.equal(report.ok, true, JSON.stringify(report.adminLog?.breaks));
    assert.equal(report.adminLog?.tenantsChecked, 2);
    assert.equal(report.adminLog?.rowsChecked, (await listAuditLog({ store: ws.store, actor: acme })).length + (await listAuditLog({ store: ws.store, actor: globex })).length);
  });
});
