// What closing a writing command costs on a large store: node --conditions=sopflow-source --import tsx bench/audit-checkpoint/run.ts [--runs 5000] [--commands 5] [--only sqlite,postgres]
// Seeds a keyed store with --runs sample runs (5 decisions each) and one audit checkpoint over them, then runs --commands
// sessions the way every `sopflow` command does (openWorkspace, start one run, close) and times close(), which writes the
// session's audit checkpoint; then --commands more that time that checkpoint alone (written just before close). Prints the
// checkpoint's size, the store's growth per command and an audit verify after.
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseWorkflowSource } from '@sopflow/engine';
import { createPostgresStore, createSqliteStore, loadAuditKey } from '@sopflow/store';
import { openWorkspace, type Workspace } from '@sopflow/service';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../packages/store/src/test-support/postgres-test-schema.js';
import { writeSampleRun } from '../../packages/store/src/test-support/sample-run.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', '5000'));
const COMMANDS = Number(arg('commands', '5'));
const ONLY = arg('only', 'sqlite,postgres').split(',');

const ONE_STEP = parseWorkflowSource(`osop_version: "1.1"
id: one-step
name: One step
nodes:
  - { id: a, type: system, runtime: { action: noop } }
`, 'one-step.osop');

/** Where one backend's store lives and how the bench reads its checkpoint table. */
interface Backend {
  name: string;
  db: string;
  env: NodeJS.ProcessEnv;
  /** Bytes of the newest checkpoint's heads column and of every checkpoint together. */
  checkpointBytes(): Promise<{ latest: number; all: number }>;
  dispose(): Promise<void>;
}

interface Row { backend: string; seedS: number; closeMs: number[]; checkpointMs: number[]; latestBytes: number; growthBytes: number; verifyMs: number; verifyOk: boolean }

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function sqliteBackend(keyFile: string): Promise<Backend> {
  const db = join(mkdtempSync(join(tmpdir(), 'sopflow-bench-checkpoint-')), 'store.db');
  await seed(await createSqliteStore(db, { auditKey: loadAuditKey(keyFile) }));
  return {
    name: 'SQLite', db, env: {},
    async checkpointBytes() {
      const raw = new Database(db, { readonly: true });
      try {
        return raw.prepare('SELECT (SELECT length(heads) FROM audit_checkpoints ORDER BY seq DESC LIMIT 1) AS latest, sum(length(heads)) AS "all" FROM audit_checkpoints')
          .get() as { latest: number; all: number };
      } finally {
        raw.close();
      }
    },
    async dispose() {},
  };
}

async function postgresBackend(keyFile: string): Promise<Backend> {
  const schema = await freshTestSchema();
  await seed(await createPostgresStore(TEST_POSTGRES_URL, { schema, auditKey: loadAuditKey(keyFile), poolSize: 8 }));
  return {
    name: 'PostgreSQL', db: TEST_POSTGRES_URL, env: { SOPFLOW_DB_SCHEMA: schema },
    async checkpointBytes() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` });
      await client.connect();
      try {
        const row = (await client.query<{ latest: string; all: string }>(
          'SELECT (SELECT length(heads) FROM audit_checkpoints ORDER BY seq DESC LIMIT 1) AS latest, sum(length(heads)) AS "all" FROM audit_checkpoints')).rows[0];
        return { latest: Number(row.latest), all: Number(row.all) };
      } finally {
        await client.end();
      }
    },
    dispose: () => dropTestSchema(schema),
  };
}

/** RUNS sample runs, eight written at a time, then the checkpoint an earlier session left over them. */
async function seed(store: Awaited<ReturnType<typeof createSqliteStore>>): Promise<void> {
  let next = 0;
  const writer = async () => {
    while (next < RUNS) await writeSampleRun(store, `seed-${String(next++).padStart(6, '0')}`);
  };
  await Promise.all(Array.from({ length: 8 }, writer));
  await store.writeAuditCheckpoint();
  await store.close();
}

/** COMMANDS sessions as a `sopflow` command runs them (open, start one run, close), each timing `timed`; the times in ms. */
async function commands(backend: Backend, keyFile: string, timed: (ws: Workspace) => Promise<void>, after?: (ws: Workspace) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < COMMANDS; i += 1) {
    const ws = await openWorkspace({ db: backend.db, auditKeyFile: keyFile, env: backend.env });
    await ws.engine.startRun(ONE_STEP, {});
    const start = performance.now();
    await timed(ws);
    times.push(performance.now() - start);
    await after?.(ws);
  }
  return times;
}

async function measure(make: (keyFile: string) => Promise<Backend>): Promise<Row> {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'sopflow-bench-key-')), 'audit.key');
  const seeded = performance.now();
  const backend = await make(keyFile);
  const seedS = (performance.now() - seeded) / 1000;
  try {
    const before = await backend.checkpointBytes();
    const closeMs = await commands(backend, keyFile, (ws) => ws.close());
    const after = await backend.checkpointBytes();
    // The checkpoint alone: the same session, its checkpoint written (and timed) just before an untimed close.
    const checkpointMs = await commands(backend, keyFile, async (ws) => {
      await ws.store.writeAuditCheckpoint();
    }, (ws) => ws.close());
    const reader = await openWorkspace({ db: backend.db, auditKeyFile: keyFile, env: backend.env, readonly: true });
    const verifyStart = performance.now();
    const report = await reader.store.verifyAuditChain();
    const verifyMs = performance.now() - verifyStart;
    await reader.close();
    return { backend: backend.name, seedS, closeMs, checkpointMs, latestBytes: after.latest, growthBytes: (after.all - before.all) / COMMANDS, verifyMs, verifyOk: report.ok };
  } finally {
    await backend.dispose();
  }
}

const rows: Row[] = [];
if (ONLY.includes('sqlite')) rows.push(await measure(sqliteBackend));
if (ONLY.includes('postgres')) rows.push(await measure(postgresBackend));

const fixed = (n: number, digits = 1) => n.toFixed(digits);
console.log(`$ node --conditions=sopflow-source --import tsx bench/audit-checkpoint/run.ts ${process.argv.slice(2).join(' ')}`.trimEnd());
console.log(`${RUNS} runs already checkpointed; ${COMMANDS} commands, each starting one run then closing (close = its audit checkpoint + store close)\n`);
console.log('| store | close p50 ms | close each (ms) | its checkpoint alone, p50 ms | newest checkpoint heads (bytes) | checkpoint bytes added per command | audit verify after (ms) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.backend} | ${fixed(median(r.closeMs))} | ${r.closeMs.map((ms) => fixed(ms)).join(', ')} | ${fixed(median(r.checkpointMs))} | ${r.latestBytes} | ${Math.round(r.growthBytes)} | ${fixed(r.verifyMs, 0)}${r.verifyOk ? '' : ' (NOT ok)'} |`);
}
console.log(`\nseeding: ${rows.map((r) => `${r.backend} ${fixed(r.seedS)} s`).join(', ')}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
