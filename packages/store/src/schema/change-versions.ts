import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../process-os/is-sqlite.js';

/** The `store_meta` key of the credentials version. */
export const CREDENTIALS_VERSION_KEY = 'credentials_version';
const LIBRARY_PREFIX = 'library_version:';

/** The `store_meta` key of a tenant's library version. */
export function libraryVersionKey(tenantId: string): string {
  return `${LIBRARY_PREFIX}${tenantId}`;
}

/** Whether a `store_meta` key is a change version some process caches by (its value a count that only grows): these two and the user directory's. */
export function isChangeVersionKey(key: string): boolean {
  return key === CREDENTIALS_VERSION_KEY || key === 'directory_version' || key.startsWith(LIBRARY_PREFIX);
}

/** The NOTIFY channel a PostgreSQL schema's version bumps are sent on (channel names are at most 63 bytes; schema names are ASCII). */
export function changeVersionChannel(schema: string): string {
  return schema.length <= 46 ? `sopflow_versions_${schema}` : `sopflow_versions_${createHash('md5').update(schema).digest('hex')}`;
}

// What moves each version. Sessions and tokens being made, or users being added, never make a kept caller wrong.
const CREDENTIAL_CHANGES: readonly [table: string, event: string][] = [
  ['api_tokens', 'UPDATE OF revoked_at, tenant_id, user_name, scope, token_hash'], ['api_tokens', 'DELETE'],
  ['sessions', 'UPDATE'], ['sessions', 'DELETE'],
  ['users', 'UPDATE'], ['users', 'DELETE'],
  ['tenants', 'UPDATE'], ['tenants', 'DELETE'],
];
// Everything `GET /api/sops` shows: the SOP rows, their versions, the run links and the linked runs' status and times.
const LIBRARY_TABLES = ['sops', 'sop_versions', 'workstreams', 'sop_runs'] as const;
const RUN_CHANGED = 'OLD.status IS DISTINCT FROM NEW.status OR OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.ended_at IS DISTINCT FROM NEW.ended_at';
const RUN_EVENTS: readonly [name: string, event: string, when: string | undefined][] = [
  ['insert', 'INSERT', undefined], ['update', 'UPDATE OF status, started_at, ended_at', RUN_CHANGED], ['delete', 'DELETE', undefined],
];

/**
 * Migration 0019: triggers that bump `store_meta.credentials_version` and `store_meta.library_version:<tenant>`
 * in the same transaction as each change, whoever makes it (server, CLI, worker, import); on PostgreSQL each
 * bump also NOTIFYs `changeVersionChannel(schema)` with the key, delivered when the transaction commits.
 */
export async function createChangeVersionTriggers(db: Kysely<unknown>): Promise<void> {
  if (isSqlite(db)) await createSqliteTriggers(db);
  else await createPostgresTriggers(db);
}

/** SQLite's bump of the version(s) `from` names (a VALUES or SELECT of key, '1'): one statement, also run outside a trigger. */
export function sqliteBumpSql(from: string): string {
  return `INSERT INTO store_meta (key, value) ${from}
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT);`;
}

async function createSqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const bump = sqliteBumpSql;
  const create = (name: string, event: string, table: string, body: string, when?: string) => sql.raw(
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW${when === undefined ? '' : ` WHEN ${when.replaceAll('IS DISTINCT FROM', 'IS NOT')}`} BEGIN ${body} END`,
  ).execute(db);
  for (const [table, event] of CREDENTIAL_CHANGES) {
    await create(`sopflow_credentials_${table}_${event.split(' ')[0]!.toLowerCase()}`, event, table, bump(`VALUES ('${CREDENTIALS_VERSION_KEY}', '1')`));
  }
  for (const table of LIBRARY_TABLES) {
    for (const [event, row] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']] as const) {
      await create(`sopflow_library_${table}_${event.toLowerCase()}`, event, table, bump(`VALUES ('${LIBRARY_PREFIX}' || ${row}.tenant_id, '1')`));
    }
  }
  for (const [name, event, when] of RUN_EVENTS) {
    const row = name === 'delete' ? 'OLD' : 'NEW';
    await create(`sopflow_library_runs_${name}`, event, 'runs', bump(`SELECT '${LIBRARY_PREFIX}' || tenant_id, '1' FROM sop_runs WHERE run_id = ${row}.id`), when);
  }
}

async function createPostgresTriggers(db: Kysely<unknown>): Promise<void> {
  // SET search_path FROM CURRENT: the functions reach this schema's store_meta whoever's connection fires them.
  await sql.raw(`CREATE FUNCTION sopflow_bump_version(version_key text) RETURNS void LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      INSERT INTO store_meta (key, value) VALUES (version_key, '1')
        ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(store_meta.value AS bigint) + 1 AS text);
      PERFORM pg_notify(CASE WHEN length(current_schema()) <= 46 THEN 'sopflow_versions_' || current_schema()
        ELSE 'sopflow_versions_' || md5(current_schema()) END, version_key);
    END $$`).execute(db);
  await sql.raw(`CREATE FUNCTION sopflow_credentials_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN PERFORM sopflow_bump_version('${CREDENTIALS_VERSION_KEY}'); RETURN NULL; END $$`).execute(db);
  await sql.raw(`CREATE FUNCTION sopflow_library_changed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    DECLARE tenant text;
    BEGIN
      IF TG_TABLE_NAME = 'runs' THEN
        SELECT tenant_id INTO tenant FROM sop_runs WHERE run_id = CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      ELSIF TG_OP = 'DELETE' THEN tenant := OLD.tenant_id;
      ELSE tenant := NEW.tenant_id;
      END IF;
      IF tenant IS NOT NULL THEN PERFORM sopflow_bump_version('${LIBRARY_PREFIX}' || tenant); END IF;
      RETURN NULL;
    END $$`).execute(db);
  const create = (name: string, event: string, table: string, fn: string, when?: string) => sql.raw(
    `CREATE TRIGGER ${name} AFTER ${event} ON ${table} FOR EACH ROW${when === undefined ? '' : ` WHEN (${when})`} EXECUTE FUNCTION ${fn}()`,
  ).execute(db);
  for (const [table, event] of CREDENTIAL_CHANGES) {
    await create(`sopflow_credentials_${table}_${event.split(' ')[0]!.toLowerCase()}`, event, table, 'sopflow_credentials_changed');
  }
  for (const table of LIBRARY_TABLES) await create(`sopflow_library_${table}`, 'INSERT OR UPDATE OR DELETE', table, 'sopflow_library_changed');
  for (const [name, event, when] of RUN_EVENTS) await create(`sopflow_library_runs_${name}`, event, 'runs', 'sopflow_library_changed', when);
}

/** The `store_meta` key SQLite's session sweep holds inside its transaction: while it is there, a session's delete does not bump by itself. */
export const SESSION_SWEEP_KEY = 'sessions_sweep';
const SESSION_DELETE_TRIGGER = 'sopflow_credentials_sessions_delete';

/**
 * Migration 0021: ending sessions moves the credentials version once per DELETE, however many rows it took (the
 * expired-session sweep took one bump a row). PostgreSQL: a statement trigger over the deleted rows (none: no bump).
 * SQLite has no statement triggers: the row trigger stands aside while SESSION_SWEEP_KEY is in store_meta, which
 * only the sweep's own transaction writes, and the sweep bumps once itself (sweepSqliteSessions).
 */
export async function bumpOncePerSessionDelete(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`DROP TRIGGER ${SESSION_DELETE_TRIGGER}${isSqlite(db) ? '' : ' ON sessions'}`).execute(db);
  if (isSqlite(db)) {
    await sql.raw(`CREATE TRIGGER ${SESSION_DELETE_TRIGGER} AFTER DELETE ON sessions FOR EACH ROW
      WHEN NOT EXISTS (SELECT 1 FROM store_meta WHERE key = '${SESSION_SWEEP_KEY}')
      BEGIN ${sqliteBumpSql(`VALUES ('${CREDENTIALS_VERSION_KEY}', '1')`)} END`).execute(db);
    return;
  }
  await sql.raw(`CREATE FUNCTION sopflow_credentials_rows_gone() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM gone) THEN PERFORM sopflow_bump_version('${CREDENTIALS_VERSION_KEY}'); END IF;
      RETURN NULL;
    END $$`).execute(db);
  await sql.raw(`CREATE TRIGGER ${SESSION_DELETE_TRIGGER} AFTER DELETE ON sessions REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION sopflow_credentials_rows_gone()`).execute(db);
}
