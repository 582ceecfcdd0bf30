import pg from 'pg';
import { forkChild } from './fork-child.js';
import type { SeededServerMessage } from './seeded-server.js';

const SEEDED_SERVER = new URL('./seeded-server.ts', import.meta.url).pathname;

/** A seeded server in its own process, seen from the bench. */
export interface BenchServer {
  url: string;
  token: string;
  /** Where its store is: "SQLite (temp file)" or the PostgreSQL URL and schema. */
  store: string;
  /** One API call with the admin token; throws unless the status is `expect` (when given). */
  api<T = any>(method: string, path: string, body?: unknown, expect?: number): Promise<{ status: number; json: T }>;
  /** The server process's memory now (bytes). */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/** Starts the seeded server (bench/server/seeded-server.ts) on a fresh SQLite store, or on `db` (postgres://…) in a fresh schema dropped on stop. */
export async function startBenchServer(options: { db?: string } = {}): Promise<BenchServer> {
  const schema = options.db === undefined ? undefined : `sopflow_bench_server_${process.pid}_${Date.now().toString(36)}`;
  const env = { ...process.env, NO_COLOR: '1', ...(options.db === undefined ? { SOPFLOW_DB: '' } : { SOPFLOW_DB: options.db, SOPFLOW_DB_SCHEMA: schema }) };
  const forked = await forkChild<SeededServerMessage>(SEEDED_SERVER, [], env);
  if (forked.first.type !== 'listening') throw new Error('the seeded server did not say where it listens');
  const { url, token } = forked.first;
  return {
    url, token,
    store: options.db === undefined ? 'SQLite (temp file)' : `PostgreSQL ${new URL(options.db).host}, schema ${schema}`,
    async api<T = any>(method: string, path: string, body?: unknown, expect?: number) {
      const send = () => fetch(url + path, {
        method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // A GET once more when the server closed an idle kept-alive socket just as it was reused.
      const res = await send().catch((error: unknown) => { if (method === 'GET') return send(); throw error; });
      const json = await res.json().catch(() => null);
      if (expect !== undefined && res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return { status: res.status, json: json as T };
    },
    async memory() {
      const reply = forked.next((m): m is Extract<SeededServerMessage, { type: 'memory' }> => m.type === 'memory');
      forked.child.send('memory');
      const { rss, heapUsed } = await reply;
      return { rss, heapUsed };
    },
    async stop() {
      await forked.stop();
      if (schema !== undefined) {
        const client = new pg.Client({ connectionString: options.db });
        await client.connect();
        try { await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } finally { await client.end(); }
      }
    },
  };
}

/** Polls `read` every 20 ms until it gives a value. */
export async function until<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
