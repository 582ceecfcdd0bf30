import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAccountUser, createTenant, createToken, openWorkspace, type Workspace } from '@sopflow/service';
import { createServerApp, type ServerAppOptions } from '../create-server-app.js';
import { startRuntime, type Runtime } from '../start-runtime.js';
// The store's own helper for PostgreSQL test schemas (fails, never skips, when the server is down).
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../../packages/store/src/test-support/postgres-test-schema.js';

export const CONTRACT_OSOP = `osop_version: "1.0"
id: contract-check
name: Contract check
nodes:
  - { id: receive, type: system, name: Receive, runtime: { action: noop } }
  - { id: review, type: human, name: Review }
  - { id: close, type: system, name: Close, runtime: { action: noop } }
edges:
  - { from: receive, to: review, mode: sequential }
  - { from: review, to: close, mode: sequential }
`;

export interface Fixture {
  ws: Workspace;
  app: ReturnType<typeof createServerApp>;
  runtime: Runtime;
  /** Admin tokens of tenants acme (A) and globex (B). */
  tokenA: string;
  tokenB: string;
  /** Calls the app in-process with a bearer token and a JSON body. */
  call(token: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Headers }>;
  /** A token of a new user of tenant acme with these roles and scope. */
  userToken(email: string, roles: string[], scope: 'read' | 'run' | 'admin', password?: string): Promise<string>;
  /** Stops this server (runtime, then the store) and starts a new one on the same database and folder, with the same tokens. */
  restart(): Promise<Fixture>;
  /** Another server's app beside this one: its own workspace (connection) on the same database, no runtime. */
  secondApp(options?: ServerAppOptions): Promise<{ app: ReturnType<typeof createServerApp>; ws: Workspace; close(): Promise<void> }>;
  /** The environment that points a `sopflow` process at this fixture's database (and audit key). */
  cliEnv: Record<string, string>;
  close(): Promise<void>;
}

/** A real SQLite workspace in a temp folder, two tenants with an owner and an admin token each, the app and its embedded worker. */
export async function createFixture(options: ServerAppOptions = {}, runtimeOptions: { scheduler?: boolean; postgres?: boolean } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-server-'));
  // PostgreSQL: a fresh schema on the local test server, dropped on close (the store creates it).
  const schema = runtimeOptions.postgres === true ? await freshTestSchema() : undefined;
  const ws = await openFixtureWorkspace(dir, schema);
  const local = { store: ws.store, localAdmin: 'test' };
  for (const slug of ['acme', 'globex']) {
    await createTenant(local, { slug });
    await addAccountUser(local, { tenant: slug, email: `owner@${slug}.test`, roles: ['owner'], password: 'correct horse battery staple' });
  }
  const tokenA = (await createToken(local, { tenant: 'acme', user: 'owner@acme.test', scope: 'admin' })).token;
  const tokenB = (await createToken(local, { tenant: 'globex', user: 'owner@globex.test', scope: 'admin' })).token;
  return serveFixture({ dir, schema, ws, tokenA, tokenB }, options, runtimeOptions);
}

function openFixtureWorkspace(dir: string, schema: string | undefined): Promise<Workspace> {
  return openWorkspace({
    db: schema === undefined ? join(dir, 'sopflow.db') : TEST_POSTGRES_URL, auditKeyFile: join(dir, 'audit.key'), baseDir: dir,
    ...(schema === undefined ? {} : { env: { ...process.env, SOPFLOW_DB_SCHEMA: schema } }),
  });
}

/** The app and its runtime over an open fixture workspace. */
function serveFixture(
  base: { dir: string; schema: string | undefined; ws: Workspace; tokenA: string; tokenB: string }, options: ServerAppOptions, runtimeOptions: { scheduler?: boolean; postgres?: boolean },
): Fixture {
  const { dir, schema, ws, tokenA, tokenB } = base;
  const local = { store: ws.store, localAdmin: 'test' };
  const app = createServerApp(ws, options);
  const runtime = startRuntime(ws, { pollMs: 20, tickMs: 200, ...(runtimeOptions.scheduler === undefined ? {} : { scheduler: runtimeOptions.scheduler }) });
  return {
    ws, app, runtime, tokenA, tokenB,
    cliEnv: {
      SOPFLOW_DB: schema === undefined ? join(dir, 'sopflow.db') : TEST_POSTGRES_URL, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'),
      ...(schema === undefined ? {} : { SOPFLOW_DB_SCHEMA: schema }),
    },
    async call(token, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (token !== null) h.authorization = `Bearer ${token}`;
      if (body !== undefined && h['content-type'] === undefined) h['content-type'] = 'application/json';
      const res = await app.request(path, { method, headers: h, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
      const text = await res.text();
      let json: unknown = null;
      try { json = JSON.parse(text); } catch { json = text; }
      return { status: res.status, json, headers: res.headers };
    },
    async userToken(email, roles, scope, password) {
      await addAccountUser(local, { tenant: 'acme', email, roles, ...(password === undefined ? {} : { password }) });
      return (await createToken(local, { tenant: 'acme', user: email, scope })).token;
    },
    async secondApp(second = options) {
      const other = await openFixtureWorkspace(dir, schema);
      return { app: createServerApp(other, second), ws: other, close: () => other.close() };
    },
    async restart() {
      await runtime.stop(1000);
      await ws.close();
      return serveFixture({ ...base, ws: await openFixtureWorkspace(dir, schema) }, options, runtimeOptions);
    },
    async close() {
      await runtime.stop(1000);
      await ws.close();
      if (schema !== undefined) await dropTestSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `read` until `done` says yes (each try awaits the app; no wall-clock limit, at most `tries`). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 200): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}
