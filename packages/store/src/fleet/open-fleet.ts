import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCliExecutor, createEngine, parseWorkflowSource, type Engine, type LeaseRow, type RunStore } from '@sopflow/engine';
import { loadAuditKey } from '../audit/load-audit-key.js';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

// The fleet tests run the built CLI (`npm run build` first), or SOPFLOW_FLEET_BIN: a copy pinned while others rebuild the tree.
export const SOPFLOW_BIN = process.env.SOPFLOW_FLEET_BIN ?? fileURLToPath(new URL('../../../../apps/cli/bin/sopflow.js', import.meta.url));

/** One `sopflow worker` process; its stderr is kept. */
export interface FleetWorker {
  pid: number;
  process: ChildProcess;
  log(): string;
  /** Whether the process has exited (a worker the test did not stop must not have). */
  exited(): boolean;
  /** SIGTERM (the worker drains and prints its report), then waits for the exit. */
  stop(): Promise<void>;
}

export interface Fleet {
  dir: string;
  /** The file the workflow's cli steps append their lines to. */
  lines: string;
  store: RunStore;
  /**
   * The script's engine on the test's own connection: it records runs (detached) and people's decisions
   * and executes nothing — it serves only a task queue no step names — so every step runs in a worker.
   */
  script: Engine;
  /** Starts a run of the fleet workflow with `inputs`, detached (as `sopflow run --detach` does), through `script`. */
  startRun(inputs: Record<string, unknown>): Promise<string>;
  /** Runs `sopflow ARGS` against the fleet's schema; rejects on a non-zero exit with its stderr. */
  cli(args: string[]): Promise<string>;
  /** `sopflow` commands run so far and their summed wall time (process start-up included). */
  cliCost(): { calls: number; ms: number };
  /** A `sopflow worker` process with `extra` arguments (and `nodeFlags` for node itself, before the script). */
  startWorker(extra?: string[], nodeFlags?: string[]): FleetWorker;
  /** Leases `worker` holds now on which a step's process is alive (the step is in flight). */
  liveLeasesOf(worker: FleetWorker): Promise<LeaseRow[]>;
  close(): Promise<void>;
}

/**
 * A fresh PostgreSQL schema, a temp folder with `fleet.osop` (from `workflow(lines)`), and helpers to run
 * `sopflow` commands and `sopflow worker --lease-ms LEASE --concurrency C` processes against it, and to
 * start runs and enter people's decisions from the test process (no `sopflow` start-up per run).
 */
export async function openFleet(options: { workflow: (lines: string) => string; leaseMs: number; concurrency: number }): Promise<Fleet & { file: string }> {
  if (!existsSync(SOPFLOW_BIN)) throw new Error('build the CLI first (npm run build)');
  const schema = await freshTestSchema();
  const dir = tempDir();
  const lines = join(dir, 'lines.txt');
  writeFileSync(lines, '');
  const file = join(dir, 'fleet.osop');
  writeFileSync(file, options.workflow(lines));
  const env = { ...process.env, NO_COLOR: '1', SOPFLOW_DB: TEST_POSTGRES_URL, SOPFLOW_DB_SCHEMA: schema, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
  // The schema and the audit key are created by the first command, before any store of ours opens it.
  await new Promise<void>((resolve, reject) => execFile(process.execPath, [SOPFLOW_BIN, 'db', 'migrate'], { env }, (error) => (error === null ? resolve() : reject(error))));
  const store = await createPostgresStore(TEST_POSTGRES_URL, { schema, auditKey: loadAuditKey(env.SOPFLOW_AUDIT_KEY_FILE) });
  // The cli executor only pins `cli` on the runs it starts (as the CLI does); the queue keeps every step for the workers.
  const script = createEngine({ store, executors: [createCliExecutor({ cwd: dir })], queues: ['fleet-script'], owner: 'fleet-script' });
  const source = parseWorkflowSource(options.workflow(lines), file);
  const workers: FleetWorker[] = [];
  const cost = { calls: 0, ms: 0 };

  return {
    dir, lines, file, store, script,
    startRun: (inputs) => script.startRun(source, inputs, { detach: true }),
    cli: (args) => new Promise((resolve, reject) => {
      const began = performance.now();
      execFile(process.execPath, [SOPFLOW_BIN, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
        cost.calls += 1;
        cost.ms += performance.now() - began;
        if (error === null) resolve(stdout);
        else reject(new Error(`sopflow ${args.join(' ')} exited ${String(error.code)}: ${stderr}`));
      });
    }),
    cliCost: () => ({ ...cost }),
    startWorker(extra = [], nodeFlags = []) {
      const child = spawn(process.execPath, [...nodeFlags, SOPFLOW_BIN, 'worker', '--lease-ms', String(options.leaseMs), '--concurrency', String(options.concurrency), '--grace-ms', '2000', ...extra],
        { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const worker: FleetWorker = {
        pid: child.pid ?? 0, process: child, log: () => stderr, exited: () => child.exitCode !== null || child.signalCode !== null,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) { child.kill('SIGCONT'); child.kill('SIGTERM'); }
          await exited;
        },
      };
      workers.push(worker);
      return worker;
    },
    async liveLeasesOf(worker) {
      const leases = await store.listLeases();
      return leases.filter((lease) => lease.pid === worker.pid && lease.children.some((child) => isAlive(child.pid)));
    },
    async close() {
      for (const worker of workers) { worker.process.kill('SIGCONT'); worker.process.kill('SIGKILL'); }
      await store.close();
      await dropTestSchema(schema);
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
