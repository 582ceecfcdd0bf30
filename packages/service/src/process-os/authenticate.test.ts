import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addAccountUser, authenticateToken, createTenant, createToken, listTenantTokens, openWorkspace, type TenantActor, type Workspace } from '@sopflow/service';

describe("authenticateToken: a token's last use (real SQLite)", () => {
  let dir: string;
  let ws: Workspace;
  let token: string;
  let admin: TenantActor;
  const lastUsed = async () => (await listTenantTokens({ store: ws.store, actor: admin })).find((t) => t.user === 'ops@acme.test')!.lastUsedAt;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-auth-'));
    ws = await openWorkspace({ db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir });
    const local = { store: ws.store, localAdmin: 'test' };
    await createTenant(local, { slug: 'acme' });
    await addAccountUser(local, { tenant: 'acme', email: 'ad@acme.test', roles: ['admin'] });
    await addAccountUser(local, { tenant: 'acme', email: 'ops@acme.test', roles: ['viewer', 'ops'] });
    admin = await authenticateToken(ws.store, (await createToken(local, { tenant: 'acme', user: 'ad@acme.test', scope: 'admin' })).token);
    token = (await createToken(local, { tenant: 'acme', user: 'ops@acme.test', scope: 'read' })).token;
  });
  after(async () => { await ws.close(); rmSync(dir, { recursive: true, force: true }); });

  it('records the first use, keeps it for uses within the minute after, and records a use a minute or more later', async () => {
    assert.equal(await lastUsed(), null);
    await authenticateToken(ws.store, token, new Date('2026-03-03T10:00:00.000Z'));
    assert.equal(await lastUsed(), '2026-03-03T10:00:00.000Z');
    await authenticateToken(ws.store, token, new Date('2026-03-03T10:00:30.000Z'));
    await authenticateToken(ws.store, token, new Date('2026-03-03T10:00:59.999Z'));
    assert.equal(await lastUsed(), '2026-03-03T10:00:00.000Z');
    const actor = await authenticateToken(ws.store, token, new Date('2026-03-03T10:01:00.000Z'));
    assert.equal(actor.email, 'ops@acme.test');
    assert.equal(await lastUsed(), '2026-03-03T10:01:00.000Z');
  });
});
