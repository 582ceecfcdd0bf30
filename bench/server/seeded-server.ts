// A child process of bench/server and bench/web: a real sopflow server (the server's startServer,
// as `sopflow serve` runs it: API, embedded worker, scheduler, the built web app when there is one)
// on a fresh store — a SQLite file in a temp folder, or SOPFLOW_DB (a PostgreSQL URL, in the schema
// SOPFLOW_DB_SCHEMA the parent made). Tenant acme, its owner ops@acme.test (step role ops) and an
// admin token. Talks to the parent over IPC: sends `{ type: 'listening', url, token }`; answers
// `memory` with `{ type: 'memory', rss, heapUsed }` (bytes); `stop` closes the server and exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addAccountUser, createTenant, createToken } from '@sopflow/service';
import { startServer } from '@sopflow/server';

export const BENCH_EMAIL = 'ops@acme.test';
export const BENCH_PASSWORD = 'correct horse battery staple';

/** What the parent hears from the child. */
export type SeededServerMessage =
  | { type: 'listening'; url: string; token: string }
  | { type: 'memory'; rss: number; heapUsed: number };

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-bench-server-'));
  const db = process.env.SOPFLOW_DB !== undefined && process.env.SOPFLOW_DB !== '' ? process.env.SOPFLOW_DB : join(dir, 'sopflow.db');
  let token = '';
  // SOPFLOW_BENCH_CALLER_TTL_MS=0 looks every caller up in the store (the default before the store-wide versions), for a before/after.
  const callerTtl = process.env.SOPFLOW_BENCH_CALLER_TTL_MS;
  const server = await startServer({
    port: 0, db, auditKeyFile: join(dir, 'audit.key'), baseDir: dir, operator: 'bench',
    ...(callerTtl === undefined || callerTtl === '' ? {} : { caches: { callers: { ttlMs: Number(callerTtl) } } }),
    async prepare(ws) {
      const local = { store: ws.store, localAdmin: 'bench' };
      await createTenant(local, { slug: 'acme' });
      await addAccountUser(local, { tenant: 'acme', email: BENCH_EMAIL, roles: ['owner', 'ops'], password: BENCH_PASSWORD });
      token = (await createToken(local, { tenant: 'acme', user: BENCH_EMAIL, scope: 'admin' })).token;
    },
  });
  const send = (message: SeededServerMessage) => process.send!(message);
  process.on('message', (message: string) => {
    if (message === 'memory') {
      const m = process.memoryUsage();
      send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed });
    } else if (message === 'stop') {
      void server.close().finally(() => {
        rmSync(dir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  // The bench went away without a `stop`: leave no temp folder behind.
  process.on('disconnect', () => {
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
  send({ type: 'listening', url: server.url, token });
}

if (process.send !== undefined) {
  main().catch((error: unknown) => {
    process.stderr.write(`seeded server: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
