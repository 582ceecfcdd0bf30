import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { createToken, revokeToken, setUser } from '@sopflow/service';
import type { ProcessRecords } from '@sopflow/store';
import { countStoreCalls } from './test-support/count-store-calls.js';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_MAIN = fileURLToPath(new URL('../../cli/src/main.ts', import.meta.url));

/** Runs the real `sopflow` CLI (from source) as its own process on the fixture's database; resolves once it has exited. */
async function sopflow(f: Fixture, args: string[]): Promise<string> {
  const run = `import { runCli } from ${JSON.stringify(CLI_MAIN)}; process.exitCode = await runCli(process.argv.slice(1));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', '--input-type=module', '--eval', run, ...args], {
    cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1', ...f.cliEnv },
  });
  return stdout;
}

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`kept callers and library pages follow changes made by other processes (${kind})`, () => {
    let f: Fixture;
    let other: Awaited<ReturnType<Fixture['secondApp']>>;
    let records: ProcessRecords;
    const local = () => ({ store: other.ws.store, localAdmin: 'test' });
    const get = async (token: string, path = '/api/auth/me') => f.call(token, 'GET', path);
    /** SQLite: the very next request; PostgreSQL: polled (bounded) until the notification has arrived. */
    const next = <T>(read: () => Promise<T>, done: (value: T) => boolean) => (kind === 'sqlite' ? read() : eventually(read, done));
    /** Who-am-I's store reads once the caller is kept: only its tenant's name (tenantName), nothing about who calls. */
    const KEPT_PROBE = { 'tenants.find': 1 };
    /** Asserts the token's caller is kept: a request asks the store nothing about who calls. */
    const assertKept = async (token: string) => assert.deepEqual(await countStoreCalls(records, async () => assert.equal((await get(token)).status, 200)), KEPT_PROBE, 'kept');

    before(async () => {
      f = await createFixture({}, { postgres: kind === 'postgres' });
      other = await f.secondApp();
      records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
      // PostgreSQL keeps nothing until its LISTEN connection is up (every read is a lookup until then).
      await eventually(async () => f.ws.store.changeVersions?.credentials(), (v) => v !== undefined);
    });
    after(async () => {
      await other.close();
      await f.close();
    });

    it('refuses a token revoked by a sopflow CLI process on the next request, and never accepts it after', async () => {
      const made = await createToken(local(), { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
      assert.equal((await get(made.token)).status, 200);
      await assertKept(made.token);
      assert.match(await sopflow(f, ['tokens', 'revoke', made.id]), new RegExp(`revoked token ${made.id}`));
      const refused = await next(() => get(made.token), (r) => r.status === 401);
      assert.equal(refused.status, 401);
      for (let i = 0; i < 3; i++) assert.equal((await get(made.token)).status, 401, 'and on every request after');
    });

    it("gives the next request a user's role as lowered by another process (403 where the old role was needed)", async () => {
      const token = await f.userToken(`lowered-${kind}@acme.test`, ['editor'], 'admin');
      assert.deepEqual((await get(token)).json.user.roles, ['editor']);
      await assertKept(token);
      await setUser({ store: other.ws.store, actor: { name: 'test', roles: [], admin: true } }, `lowered-${kind}@acme.test`, { roles: ['viewer'] });
      const me = await next(() => get(token), (r) => r.json.user?.roles?.[0] === 'viewer');
      assert.deepEqual(me.json.user.roles, ['viewer']);
      assert.equal((await f.call(token, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', 'id: by-a-viewer') })).status, 403);
    });

    it('refuses a cookie session signed out through another server', async () => {
      const email = `session-${kind}@acme.test`;
      await f.userToken(email, ['viewer'], 'read', 'correct horse battery staple');
      const login = await f.call(null, 'POST', '/api/auth/login', { email, password: 'correct horse battery staple' });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const withCookie = () => f.call(null, 'GET', '/api/auth/me', undefined, { cookie });
      assert.equal((await withCookie()).status, 200);
      assert.deepEqual(await countStoreCalls(records, async () => assert.equal((await withCookie()).status, 200)), KEPT_PROBE, 'kept');
      const out = await other.app.request('/api/auth/logout', { method: 'POST', headers: { cookie, 'x-csrf-token': login.json.csrfToken } });
      assert.equal(out.status, 200);
      assert.equal((await next(withCookie, (r) => r.status === 401)).status, 401);
    });

    it("never answers one tenant's token with another tenant's kept caller, before or after a change elsewhere", async () => {
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 3; i++) {
          assert.equal((await get(f.tokenA)).json.user.tenantId, (await records.tenants.find('acme'))!.id);
          assert.equal((await get(f.tokenB)).json.user.tenantId, (await records.tenants.find('globex'))!.id);
        }
        await revokeToken(local(), (await createToken(local(), { tenant: 'globex', user: 'owner@globex.test', scope: 'read' })).id);
      }
    });

    it('lists an SOP created and published by another process', async () => {
      const list = async () => ((await get(f.tokenA, '/api/sops?limit=200')).json.sops as { id: string; status: string }[]);
      await list();
      assert.deepEqual(await countStoreCalls(records, list), {}, 'the page is kept');
      const made = await other.app.request('/api/sops', {
        method: 'POST', headers: { authorization: `Bearer ${f.tokenA}`, 'content-type': 'application/json' },
        body: JSON.stringify({ osop: CONTRACT_OSOP.replace('id: contract-check', `id: elsewhere-${kind}`) }),
      });
      const id = ((await made.json()) as { sop: { id: string } }).sop.id;
      assert.equal((await other.app.request(`/api/sops/${id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${f.tokenA}` } })).status, 200);
      const listed = await next(list, (sops) => sops.some((s) => s.id === id && s.status === 'active'));
      assert.equal(listed.find((s) => s.id === id)?.status, 'active');
    });
  });
}
