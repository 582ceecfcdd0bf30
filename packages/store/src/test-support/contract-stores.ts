import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunStore } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { createMemoryStore } from '../memory/create-memory-store.js';
import { createSqliteStore } from '../sqlite/create-sqlite-store.js';

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sopflow-store-'));

/** Both stores under one name each, so one contract test runs against memory and SQLite alike. */
export function contractStores(auditKey?: AuditKey): [string, () => Promise<RunStore>][] {
  const options = auditKey === undefined ? {} : { auditKey };
  return [
    ['memory', async () => createMemoryStore(options)],
    ['sqlite', async () => createSqliteStore(join(tempDir(), 'db.sqlite'), options)],
  ];
}
