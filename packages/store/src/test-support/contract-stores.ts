import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStore } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { createMemoryStore } from '../memory/create-memory-store.js';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import { createSqliteStore } from '../sqlite/create-sqlite-store.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from './postgres-test-schema.js';

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sopflow-store-'));

/** A PostgreSQL store in a fresh schema of the test server; closing it drops the schema. */
export async function createPostgresTestStore(options: { auditKey?: AuditKey } = {}): Promise<RunStore> {
  const schema = await freshTestSchema();
  const store = await createPostgresStore(TEST_POSTGRES_URL, { ...options, schema });
  return {
    ...store,
    async close() {
      await store.close();
      await dropTestSchema(schema);
    },
  };
}

/** Every store under one name each, so one contract test runs against memory, SQLite and PostgreSQL alike. */
export function contractStores(auditKey?: AuditKey): [string, () => Promise<RunStore>][] {
  const options = auditKey === undefined ? {} : { auditKey };
  return [
    ['memory', async () => createMemoryStore(options)],
    ['sqlite', async () => createSqliteStore(join(tempDir(), 'db.sqlite'), options)],
    ['postgres', async () => createPostgresTestStore(options)],
  ];
}
