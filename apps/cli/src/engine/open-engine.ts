import { resolve as resolvePath } from 'node:path';
import type { Engine, RunEvent, RunStore } from '@sopflow/engine';
import { CliError, ExitCode, refusalAsCliError } from '../io/exit-code.js';

export interface EngineSession {
  engine: Engine;
  store: RunStore;
  dbPath: string;
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  db?: string;
  /** Open an existing database without writing to it (read-only commands); a missing file is an error, never created. */
  readonly?: boolean;
  /** Folder cli steps run in and workflow_ref paths resolve against; default the working directory. */
  baseDir?: string;
  onEvents?: (runId: string, events: readonly RunEvent[]) => void;
  leaseTtlMs?: number;
  /** Task queues whose steps this process executes (`worker --queue`). */
  queues?: readonly string[];
  /** Audit key file (`--audit-key`); else `SOPFLOW_AUDIT_KEY_FILE`, else `~/.config/sopflow/audit.key`. */
  auditKeyFile?: string;
  /** Gone: identity comes from the store's directory (`sopflow users`); giving a users file is an error. */
  users?: string;
}

/** Help for `--audit-key`, the option every command that opens the store has beside `--db`. */
export const AUDIT_KEY_HELP = 'audit key file (default $SOPFLOW_AUDIT_KEY_FILE or ~/.config/sopflow/audit.key)';

/** A command's `--db` and `--audit-key` as openEngine options. */
export function storeOptionsOf(opts: { db?: string; auditKey?: string }): Pick<OpenEngineOptions, 'db' | 'auditKeyFile'> {
  return { ...(opts.db === undefined ? {} : { db: opts.db }), ...(opts.auditKey === undefined ? {} : { auditKeyFile: opts.auditKey }) };
}

/** The database path: `--db`, else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. */
export function databasePath(db: string | undefined): string {
  return resolveDatabasePathSync(db);
}

/** Opens the workspace (store + engine) through @sopflow/service; the CLI's commands share this one way in. */
export async function openEngine(options: OpenEngineOptions = {}): Promise<EngineSession> {
  if (options.users !== undefined) {
    throw new CliError('--users is gone: who people are lives in the store (`sopflow users add NAME --role R --level L`)', ExitCode.usage);
  }
  const { openWorkspace } = await import('@sopflow/service');
  return engineCall(() => openWorkspace({
    ...(options.db === undefined ? {} : { db: options.db }), ...(options.readonly === true ? { readonly: true } : {}),
    ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }), ...(options.onEvents === undefined ? {} : { onEvents: options.onEvents }),
    ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }), ...(options.queues === undefined ? {} : { queues: options.queues }),
    ...(options.auditKeyFile === undefined ? {} : { auditKeyFile: options.auditKeyFile }),
  }));
}

/** Runs an engine or service call; a refusal becomes a CliError (`refusalAsCliError`). */
export async function engineCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw (await refusalAsCliError(error)) ?? error;
  }
}

function resolveDatabasePathSync(db: string | undefined): string {
  // Same rule as the service's resolveDatabasePath, kept here so callers need no await.
  const fromEnv = process.env.SOPFLOW_DB === '' ? undefined : process.env.SOPFLOW_DB;
  return resolvePath(db ?? fromEnv ?? '.sopflow/sopflow.db');
}
