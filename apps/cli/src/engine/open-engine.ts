import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Engine, RunEvent } from '@sopflow/engine';
import type { RunStore } from '@sopflow/store';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readUsersFile } from './read-users-file.js';

export interface EngineSession {
  engine: Engine;
  store: RunStore;
  dbPath: string;
  close(): Promise<void>;
}

export interface OpenEngineOptions {
  db?: string;
  /** Folder cli steps run in and workflow_ref paths resolve against; default the working directory. */
  baseDir?: string;
  onEvents?: (runId: string, events: readonly RunEvent[]) => void;
  leaseTtlMs?: number;
  /** Users file for the identity directory (`--users`); else `SOPFLOW_USERS`, else `.sopflow/users.yaml` if present. */
  users?: string;
}

/** The database path: `--db`, else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. */
export function databasePath(db: string | undefined): string {
  return resolve(db ?? process.env.SOPFLOW_DB ?? '.sopflow/sopflow.db');
}

/** Opens the SQLite store and an engine with every executor (cli, api, agent, mcp) configured from the environment. */
export async function openEngine(options: OpenEngineOptions = {}): Promise<EngineSession> {
  // Loaded here, not at start-up: commands that never touch the engine stay fast.
  const {
    agentOptionsFromEnv, createAgentExecutor, createApiExecutor, createCliExecutor, createEngine, createMcpExecutor, createSecretSource,
    createDirectory, parseWorkflowSource,
  } = await import('@sopflow/engine');
  const users = readUsersFile(options.users);
  const { createSqliteStore, StoreError } = await import('@sopflow/store');
  const dbPath = databasePath(options.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  let store: RunStore;
  try {
    store = await createSqliteStore(dbPath, { synchronous: process.env.SOPFLOW_SYNC === 'FULL' ? 'FULL' : 'NORMAL' });
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(error.message, ExitCode.failed);
    throw error;
  }
  const baseDir = options.baseDir ?? process.cwd();
  const secrets = createSecretSource({ env: process.env, ...(process.env.SOPFLOW_SECRETS_FILE === undefined ? {} : { file: process.env.SOPFLOW_SECRETS_FILE }) });
  const agent = agentOptionsFromEnv(process.env);
  const engine = createEngine({
    store, secrets, ...(users === undefined ? {} : { directory: createDirectory(users) }), ...(options.leaseTtlMs === undefined ? {} : { leaseTtlMs: options.leaseTtlMs }),
    executors: [
      createCliExecutor({ cwd: baseDir }),
      createApiExecutor(),
      createAgentExecutor({ providers: agent.providers, ...(agent.default === undefined ? {} : { default: agent.default }) }),
      createMcpExecutor({ servers: readMcpServers() }),
    ],
    resolveWorkflowRef: async (ref) => {
      const file = resolve(baseDir, ref);
      return existsSync(file) ? parseWorkflowSource(readFileSync(file, 'utf8'), ref) : undefined;
    },
    ...(options.onEvents === undefined ? {} : { onEvents: options.onEvents }),
  });
  return { engine, store, dbPath, close: () => store.close() };
}

/** MCP servers from `SOPFLOW_MCP_SERVERS` (a JSON object: name → server config), if set. */
function readMcpServers(): Record<string, never> {
  const raw = process.env.SOPFLOW_MCP_SERVERS;
  if (raw === undefined || raw.trim() === '') return {};
  try {
    return JSON.parse(raw) as Record<string, never>;
  } catch {
    throw new CliError('SOPFLOW_MCP_SERVERS is not valid JSON', ExitCode.usage);
  }
}

/** Runs an engine call; an EngineError becomes a one-line message with exit 1. */
export async function engineCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { EngineError } = await import('@sopflow/engine');
    const { StoreError } = await import('@sopflow/store');
    if (error instanceof EngineError) throw new CliError(`${error.message} (${error.code})`, ExitCode.failed);
    if (error instanceof StoreError) throw new CliError(error.message, ExitCode.failed);
    throw error;
  }
}
