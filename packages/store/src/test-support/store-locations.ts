import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { RunStore } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import { createSqliteStore } from '../sqlite/create-sqlite-store.js';
import { tempDir } from './contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from './postgres-test-schema.js';

/** Raw SQL on a store's database, with `?` placeholders on both engines: what an editor with a short script can do. */
export interface RawDatabase {
  run(text: string, ...params: unknown[]): Promise<void>;
  all<T>(text: string, ...params: unknown[]): Promise<T[]>;
}

/** Options a test opens a durable store with. */
export interface LocationOptions { auditKey?: AuditKey; readonly?: boolean }

/** One durable store's place (a SQLite file, a PostgreSQL schema): opened any number of times, edited behind sopflow's back, then removed. */
export interface StoreLocation {
  /** How messages name it (a file path, or the schema). */
  where: string;
  open(options?: LocationOptions): Promise<RunStore>;
  tamper(edit: (raw: RawDatabase) => Promise<void>): Promise<void>;
  dispose(): Promise<void>;
}

function sqliteLocation(): StoreLocation {
  const file = join(tempDir(), 'store.db');
  return {
    where: file,
    open: (options = {}) => createSqliteStore(file, options),
    async tamper(edit) {
      const raw = new Database(file);
      try {
        await edit({
          async run(text, ...params) { raw.prepare(text).run(...params); },
          async all<T>(text: string, ...params: unknown[]) { return raw.prepare(text).all(...params) as T[]; },
        });
      } finally {
        raw.close();
      }
    },
    async dispose() {},
  };
}

async function postgresLocation(): Promise<StoreLocation> {
  const schema = await freshTestSchema();
  const numbered = (text: string) => { let n = 0; return text.replace(/\?/g, () => `$${++n}`); };
  return {
    where: schema,
    open: (options = {}) => createPostgresStore(TEST_POSTGRES_URL, { ...options, schema }),
    async tamper(edit) {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        await edit({
          async run(text, ...params) { await client.query(numbered(text), params); },
          async all<T>(text: string, ...params: unknown[]) { return (await client.query(numbered(text), params)).rows as T[]; },
        });
      } finally {
        await client.end();
      }
    },
    dispose: () => dropTestSchema(schema),
  };
}

/** The durable stores, each as a fresh location: tests that reopen a store or edit its database run on both. */
export function storeLocations(): [string, () => Promise<StoreLocation>][] {
  return [
    ['sqlite', async () => sqliteLocation()],
    ['postgres', postgresLocation],
  ];
}
