import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { serve, type ServerType } from '@hono/node-server';
import { createFixture, type Fixture } from './test-support/server-fixture.js';
import { queryTestServer } from '../../../packages/store/src/test-support/postgres-test-schema.js';

/** Runs one statement on the fixture's database (SQLite file or PostgreSQL schema), `?` placeholders. */
async function rawQuery(f: Fixture, text: string, values: string[]): Promise<Record<string, string>[]> {
  const schema = f.cliEnv.SOPFLOW_DB_SCHEMA;
  if (schema !== undefined) {
    let n = 0;
    const pgText = text.replace(/\b(admin_audit_heads|admin_audit|tenants)\b/g, `${schema}.$1`).replace(/\?/g, () => `$${++n}`);
    return (await queryTestServer(pgText, values)).rows as Record<string, string>[];
  }
  const raw = new Database(f.cliEnv.SOPFLOW_DB!);
  try {
    const statement = raw.prepare(text);
    return statement.reader ? statement.all(...values) as Record<string, string>[] : (statement.run(...values), []);
  } finally {
    raw.close();
  }
}

/** The fixture served on 127.0.0.1 with `GET /api/admin/audit/verify` as a bearer token sees it; `stop` closes both. */
async function serveRoute(postgres: boolean): Promise<{ f: Fixture; url: string; get(token: string | null): Promise<{ status: number; body: any }>; stop(): Promise<void> }> {
  const f = await createFixture({ webDir: null }, { scheduler: false, postgres });
  let server: ServerType | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
  });
  return {
    f, url,
    async get(token) {
      const res = await fetch(`${url}/api/admin/audit/verify`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: await res.json() as any };
    },
    async stop() {
      await new Promise((resolve) => server!.close(resolve));
      await f.close();
    },
  };
}

for (const postgres of [false, true]) {
  describe(`GET /api/admin/audit/verify checks the caller's tenant's admin log only (real server on 127.0.0.1, ${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
    let served: Awaited<ReturnType<typeof serveRoute>>;
    let f: Fixture;
    let viewer: string;
    const get = (token: string | null) => served.get(token);
    before(async () => {
      served = await serveRoute(postgres);
      f = served.f;
      viewer = await f.userToken('viewer@acme.test', ['viewer'], 'read');
    });
    after(() => served.stop());

    it('says ok with the rows checked for an untouched log', async () => {
      const acme = await get(f.tokenA);
      assert.equal(acme.status, 200, JSON.stringify(acme.body));
      assert.deepEqual({ ok: acme.body.ok, breaks: acme.body.breaks }, { ok: true, breaks: [] });
      // tenant.create, user.add of the owner, token.create, user.add and token.create of the viewer.
      assert.equal(acme.body.rowsChecked, 5);
    });

    it("shows acme's admin the row changed behind the log's back, and globex's admin ok with nothing of acme's", async () => {
      const [acmeId, globexId] = await Promise.all(['acme', 'globex'].map(async (slug) => (await rawQuery(f, 'SELECT id FROM tenants WHERE slug = ?', [slug]))[0]!.id!));
      const [row] = await rawQuery(f, "SELECT id, seq FROM admin_audit WHERE tenant_id = ? AND action = 'user.add' AND target = 'viewer@acme.test'", [acmeId]);
      await rawQuery(f, "UPDATE admin_audit SET actor = 'someone-else' WHERE id = ?", [row!.id!]);

      const acme = await get(f.tokenA);
      assert.equal(acme.status, 200);
      assert.equal(acme.body.ok, false);
      assert.deepEqual(acme.body.breaks.map((b: any) => [b.seq, b.rowId, b.problem]), [[Number(row!.seq), row!.id, 'changed']]);
      assert.match(acme.body.breaks[0].message, /row \d+ \(user\.add\) does not match its HMAC under the audit key/);
      assert.doesNotMatch(JSON.stringify(acme.body), new RegExp(globexId!));

      const globex = await get(f.tokenB);
      assert.equal(globex.status, 200);
      assert.deepEqual({ ok: globex.body.ok, breaks: globex.body.breaks }, { ok: true, breaks: [] });
      assert.equal(globex.body.rowsChecked, 3, "globex's own three rows, none of acme's");
      assert.doesNotMatch(JSON.stringify(globex.body), new RegExp(`${acmeId}|viewer@acme`));
    });

    it('refuses a viewer (403) and a caller without a token (401)', async () => {
      const denied = await get(viewer);
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error.code, 'not_authorised');
      const anonymous = await get(null);
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.ok, undefined);
    });

    it('is in the OpenAPI document with its verdict schema', async () => {
      const doc = await (await fetch(`${served.url}/api/openapi.json`)).json() as any;
      assert.ok(doc.paths['/api/admin/audit/verify']?.get, 'the route is documented');
      assert.deepEqual(Object.keys(doc.components.schemas.AdminLogVerdict.properties).sort(), ['breaks', 'ok', 'rowsChecked']);
    });
  });
}

for (const postgres of [false, true]) {
  describe(`GET /api/admin/audit/verify holds the tenant's admin head to the signed checkpoints (real server on 127.0.0.1, ${postgres ? 'PostgreSQL' : 'SQLite'})`, () => {
    let served: Awaited<ReturnType<typeof serveRoute>>;
    let f: Fixture;
    const get = (token: string) => served.get(token);
    before(async () => {
      served = await serveRoute(postgres);
      f = served.f;
    });
    after(() => served.stop());

    it("fails acme's admin when its log is rolled back to an older, consistent copy (genuine head MAC), and leaves globex's ok", async () => {
      const acmeId = (await rawQuery(f, "SELECT id FROM tenants WHERE slug = 'acme'", []))[0]!.id!;
      const [older] = await rawQuery(f, 'SELECT seq, last_hash, head_mac FROM admin_audit_heads WHERE tenant_key = ?', [acmeId]);
      await f.userToken('later@acme.test', ['viewer'], 'read'); // user.add and token.create, two rows more
      const checkpoint = await f.ws.store.writeAuditCheckpoint();
      assert.equal((await get(f.tokenA)).body.ok, true, 'untouched, the log holds the checkpoint');

      await rawQuery(f, 'DELETE FROM admin_audit WHERE tenant_id = ? AND seq > ?', [acmeId, String(older!.seq)]);
      await rawQuery(f, 'UPDATE admin_audit_heads SET seq = ?, last_hash = ?, head_mac = ? WHERE tenant_key = ?', [String(older!.seq), older!.last_hash!, older!.head_mac!, acmeId]);

      const acme = await get(f.tokenA);
      assert.equal(acme.status, 200);
      assert.equal(acme.body.ok, false, JSON.stringify(acme.body));
      assert.equal(acme.body.rowsChecked, Number(older!.seq), 'the rolled-back log is consistent in itself');
      assert.deepEqual(acme.body.breaks.map((b: any) => [b.seq, b.rowId, b.problem]), [[Number(older!.seq) + 1, null, 'truncated']]);
      assert.equal(acme.body.breaks[0].message,
        `the admin log of tenant ${acmeId} had ${Number(older!.seq) + 2} rows at checkpoint ${checkpoint.seq} (${checkpoint.at}) but now records ${Number(older!.seq)}`);

      const globex = await get(f.tokenB);
      assert.deepEqual({ ok: globex.body.ok, breaks: globex.body.breaks }, { ok: true, breaks: [] });
      assert.doesNotMatch(JSON.stringify(globex.body), new RegExp(acmeId), "acme's rolled-back log is not in globex's verdict");
    });
  });
}
