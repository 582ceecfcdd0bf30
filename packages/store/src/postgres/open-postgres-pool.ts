import pg from 'pg';
import type { AuditKey } from '../audit/audit-key.js';
import { StoreError } from '../store-error.js';

export interface PostgresOptions {
  /** The PostgreSQL schema the store's tables live in (created on first writable open); default `public`. Lower-case letters, digits and `_`. */
  schema?: string;
  /**
   * Open for reading only: nothing is created or migrated (a missing database or schema is
   * StoreError('not_found')), every connection is `default_transaction_read_only`, and every
   * write raises StoreError('read_only').
   */
  readonly?: boolean;
  /** Keys the chains, run heads and checkpoints; the store remembers the key id and refuses another key. */
  auditKey?: AuditKey;
  /** Most connections the pool opens; default 10. */
  poolSize?: number;
}

/** A pool bound to one schema, and how messages name it (never with a password). */
export interface PostgresConnection {
  pool: pg.Pool;
  /** The pool's connection settings, for a dedicated connection (the LISTEN of the work signal). */
  clientConfig: pg.ClientConfig;
  schema: string;
  label: string;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Makes a pool whose every connection has `search_path` set to the store's schema (and, read-only,
 * `default_transaction_read_only`), so unqualified SQL and kysely's migrations reach that schema.
 * Connects lazily; `describePostgresError` turns a failed first query into a StoreError.
 */
export function openPostgresPool(target: string | pg.PoolConfig, options: PostgresOptions = {}): PostgresConnection {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError('invalid_request', `schema "${schema}" must be lower-case letters, digits and _ (starting with a letter or _), at most 63 characters`);
  }
  const config = withoutUrlOptions(typeof target === 'string' ? { connectionString: target } : { ...target });
  const settings = [`-c search_path=${schema}`, ...(options.readonly === true ? ['-c default_transaction_read_only=on'] : [])];
  const clientConfig: pg.ClientConfig = { ...config, options: [config.options, ...settings].filter((s) => s !== undefined && s !== '').join(' ') };
  const pool = new pg.Pool({ max: options.poolSize ?? 10, ...clientConfig });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the next query reports it.
  pool.on('error', () => {});
  return { pool, clientConfig, schema, label: `${describeTarget(config)} (schema ${schema})` };
}

/**
 * Moves `?options=…` out of a connection string into `config.options`: pg lets the URL's options
 * replace the config's, which would drop the schema's search_path.
 */
function withoutUrlOptions(config: pg.PoolConfig): pg.PoolConfig {
  if (config.connectionString === undefined) return config;
  let url: URL;
  try {
    url = new URL(config.connectionString);
  } catch {
    return config;
  }
  const options = url.searchParams.get('options');
  if (options === null) return config;
  url.searchParams.delete('options');
  return { ...config, connectionString: url.href, options: [config.options, options].filter((s) => s !== undefined && s !== '').join(' ') };
}

/** Where a pool points, as `postgres://user@host:port/database`, without the password. */
function describeTarget(config: pg.PoolConfig): string {
  if (config.connectionString !== undefined) {
    try {
      const url = new URL(config.connectionString);
      return `${url.protocol}//${url.username === '' ? '' : `${url.username}@`}${url.host}${url.pathname}`;
    } catch {
      return 'PostgreSQL';
    }
  }
  return `postgres://${config.user ?? ''}${config.user === undefined ? '' : '@'}${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
}

/** The StoreError for a failure to reach or open the database: not_found for a missing database when reading, else open_failed. */
export function describePostgresError(error: unknown, label: string, readonly: boolean): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  if (code === '3D000') {
    return new StoreError(readonly ? 'not_found' : 'open_failed', `no sopflow database at ${label}: ${message}${readonly ? '' : ' (create the database first; sopflow creates only its schema and tables)'}`);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') {
    return new StoreError('open_failed', `cannot reach PostgreSQL at ${label}: ${message}`);
  }
  if (code === '28P01' || code === '28000') return new StoreError('open_failed', `PostgreSQL refused the login for ${label}: ${message}`);
  return new StoreError('open_failed', `cannot open ${label}: ${message}`);
}
