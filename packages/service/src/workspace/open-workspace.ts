import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Engine, RunEvent, RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { changeCountersOf } from '../process-os/change-counters.js';
import { describeDatabase, isPostgresUrl, resolveDatabasePath } from './resolve-database-path.js';

/** An open store and the engine over it; every service function takes these as its context. */
export interface Workspace {
  store: RunStore;
  engine: Engine;
  /** The database file, absolute; or the PostgreSQL connection string without its password. */
  dbPath: string;
  readonly: boolean;
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  /**
   * Database file or `postgres://…` connection string; else `SOPFLOW_DB`, else `.sopflow/sopflow.db`
   * (relative to the working directory). On PostgreSQL the store lives in `SOPFLOW_DB_SCHEMA` (default `public`).
   */
  db?: string;
  /** Open an existing database without writing to it; a missing file is `not_found`, never created. */
  readonly?: boolean;
  /** Folder cli steps run in and `workflow_ref` paths resolve against; default the working directory. */
  baseDir?: string;
  onEvents?: (runId: string, events: readonly RunEvent[]) => void;
  leaseTtlMs?: number;
  /** Task queues whose steps this process executes (`sopflow worker --queue`); default the default queue. */
  queues?: readonly string[];
  /** Where settings come from (secrets, agent providers, MCP servers, `SOPFLOW_DB`, `SOPFLOW_AUDIT_KEY_FILE`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The audit HMAC key file; else `SOPFLOW_AUDIT_KEY_FILE`, else `~/.config/sopflow/audit.key` (created on first write, never by a read-only open). */
  auditKeyFile?: string;
}

/**
 * Opens the store (SQLite, or PostgreSQL for a `postgres://` URL) and an engine with every executor (cli, api, agent, mcp) configured from
 * the environment. Read-only opens never create a file or folder and name the file they read.
 */
export async function openWorkspace(options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const env = options.env ?? process.env;
  // Loaded here, not at start-up: adapters that never touch the engine stay fast.
  const {
    agentOptionsFromEnv, createAgentExecutor, createApiExecutor, createCliExecutor, createEngine, createMcpExecutor, createSecretSource, parseWorkflowSource,
  } = await import('@sopflow/engine');
  const { createPostgresStore, createSqliteStore, loadAuditKey, processRecordsOf } = await import('@sopflow/store');
  const target = resolveDatabasePath(options.db, env);
  const postgres = isPostgresUrl(target);
  const dbPath = describeDatabase(target);
  const readonly = options.readonly === true;
  if (!postgres && readonly && !existsSync(dbPath)) {
    throw new ServiceError('not_found', `no database at ${dbPath}; nothing has run there yet (give --db, or set SOPFLOW_DB)`, { dbPath });
  }
  if (!postgres && !readonly) mkdirSync(dirname(dbPath), { recursive: true });
  const keyFile = resolve(options.auditKeyFile ?? (env.SOPFLOW_AUDIT_KEY_FILE === undefined || env.SOPFLOW_AUDIT_KEY_FILE === '' ? join(homedir(), '.config', 'sopflow', 'audit.key') : env.SOPFLOW_AUDIT_KEY_FILE));
  // A read-only open reads an existing key and never creates one (nor its folder).
  const auditKey = readonly && !existsSync(keyFile) ? undefined : await serviceCall(async () => loadAuditKey(keyFile));
  const common = { ...(readonly ? { readonly: true } : {}), ...(auditKey === undefined ? {} : { auditKey }) };
  const store = await serviceCall(() => (postgres
    ? createPostgresStore(target, { schema: databaseSchema(env), ...common })
    : createSqliteStore(dbPath, { synchronous: env.SOPFLOW_SYNC === 'FULL' ? 'FULL' as const : 'NORMAL' as const, ...common })));
  const baseDir = options.baseDir ?? process.cwd();
  const secrets = createSecretSource({ env, ...(env.SOPFLOW_SECRETS_FILE === undefined ? {} : { file: env.SOPFLOW_SECRETS_FILE }) });
  const agent = agentOptionsFromEnv(env);
  // A session that wrote events or admin log rows leaves a signed audit checkpoint when it closes (run and admin heads), so a run deleted
  // or an admin log rolled back later is detected.
  let wroteEvents = false;
  const adminLog = readonly || auditKey === undefined ? undefined : processRecordsOf(store)?.audit;
  const adminRowsAtOpen = adminLog === undefined ? undefined : await serviceCall(() => adminLog.chainedCount());
  const engine = createEngine({
    store, secrets, ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }), ...(options.queues === undefined ? {} : { queues: options.queues }),
    executors: [
      createCliExecutor({ cwd: baseDir }),
      createApiExecutor(),
      createAgentExecutor({ providers: agent.providers, ...(agent.default === undefined ? {} : { default: agent.default }) }),
      createMcpExecutor({ servers: readMcpServers(env) }),
    ],
    resolveWorkflowRef: async (ref) => {
      const file = resolve(baseDir, ref);
      return existsSync(file) ? parseWorkflowSource(readFileSync(file, 'utf8'), ref) : undefined;
    },
    onEvents: (runId, events) => {
      wroteEvents = true;
      // A run moved: the library's newest-run columns may have (the event names no tenant).
      changeCountersOf(store).libraryChanged();
      options.onEvents?.(runId, events);
    },
  });
  async function close(): Promise<void> {
    try {
      // The admin rows are counted only when no event already calls for a checkpoint.
      const wrote = wroteEvents || (adminLog !== undefined && (await serviceCall(() => adminLog.chainedCount())) !== adminRowsAtOpen);
      if (wrote && auditKey !== undefined) await serviceCall(() => store.writeAuditCheckpoint());
    } finally {
      await store.close();
    }
  }
  return { engine, store, dbPath, readonly, close };
}

/** The PostgreSQL schema a store lives in: `SOPFLOW_DB_SCHEMA`, else `public`. */
export function databaseSchema(env: NodeJS.ProcessEnv = process.env): string {
  return env.SOPFLOW_DB_SCHEMA === undefined || env.SOPFLOW_DB_SCHEMA === '' ? 'public' : env.SOPFLOW_DB_SCHEMA;
}

/** MCP servers from `SOPFLOW_MCP_SERVERS` (a JSON object: name → server config), if set. */
function readMcpServers(env: NodeJS.ProcessEnv): Record<string, never> {
  const raw = env.SOPFLOW_MCP_SERVERS;
  if (raw === undefined || raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as Record<string, never>;
  } catch {
    throw new ServiceError('invalid_request', 'SOPFLOW_MCP_SERVERS is not valid JSON');
  }
}
