import type Database from 'better-sqlite3';
import type { Kysely, Selectable } from 'kysely';
import { CREDENTIALS_VERSION_KEY, SESSION_SWEEP_KEY, sqliteBumpSql } from '../schema/change-versions.js';
import type { AdminAuditOptions } from './admin-audit-records.js';
import type { ProcessOsDatabase } from './process-os-database.js';
import type { AccountRecords, SessionRow, TenantRecords, TokenRow } from './process-records.js';

type Db = Kysely<ProcessOsDatabase>;

/** Tenants over kysely (both dialects). */
export function createTenantRecords(db: Db): TenantRecords {
  return {
    async insert(row) {
      await db.insertInto('tenants').values({ id: row.id, slug: row.slug, name: row.name, created_at: row.createdAt }).execute();
    },
    async find(idOrSlug) {
      const row = await db.selectFrom('tenants').selectAll().where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst();
      return row === undefined ? undefined : { id: row.id, slug: row.slug, name: row.name, createdAt: row.created_at };
    },
    async list() {
      const rows = await db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name, createdAt: row.created_at }));
    },
  };
}

/**
 * Account users, API tokens and sessions over kysely (both dialects); every lookup is by hash or tenant. On SQLite
 * (`sqlite` given) the expired-session sweep runs on the writer's connection, to bump the credentials version once.
 */
export function createAccountRecords(db: Db, sqlite?: AdminAuditOptions['sqlite']): AccountRecords {
  const sweepSqlite = sqlite === undefined ? undefined : sqliteSessionSweep(sqlite.db);
  return {
    async setAccount(userName, fields) {
      await db.updateTable('users').set({ tenant_id: fields.tenantId, email: fields.email, password_hash: fields.passwordHash }).where('name', '=', userName).execute();
    },
    async findAccount(tenantId, email) {
      const row = await db.selectFrom('users').select(['name', 'password_hash']).where('tenant_id', '=', tenantId).where('email', '=', email).executeTakeFirst();
      return row === undefined ? undefined : { userName: row.name, passwordHash: row.password_hash };
    },
    async findAccountByEmail(email) {
      const row = await db.selectFrom('users').select(['name', 'tenant_id', 'password_hash']).where('email', '=', email).where('tenant_id', 'is not', null).executeTakeFirst();
      return row === undefined || row.tenant_id === null ? undefined : { userName: row.name, tenantId: row.tenant_id, passwordHash: row.password_hash };
    },
    async tenantOf(userName) {
      const row = await db.selectFrom('users').select('tenant_id').where('name', '=', userName).executeTakeFirst();
      return row?.tenant_id ?? undefined;
    },
    async insertToken(row) {
      await db.insertInto('api_tokens').values({
        id: row.id, tenant_id: row.tenantId, user_name: row.userName, scope: row.scope, token_hash: row.tokenHash, created_at: row.createdAt,
        revoked_at: row.revokedAt, last_used_at: row.lastUsedAt,
      }).execute();
    },
    async findTokenByHash(tokenHash) {
      const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row === undefined ? undefined : toTokenRow(row);
    },
    async findToken(id) {
      const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toTokenRow(row);
    },
    async revokeToken(id, at) {
      const result = await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return true;
      return (await db.selectFrom('api_tokens').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },
    async touchToken(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
    async insertSession(row) {
      await db.insertInto('sessions').values({
        id_hash: row.idHash, tenant_id: row.tenantId, user_name: row.userName, csrf_token: row.csrfToken, created_at: row.createdAt, expires_at: row.expiresAt,
      }).execute();
    },
    async findSession(idHash) {
      const row = await db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return row === undefined ? undefined : toSessionRow(row);
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },
    async deleteExpiredSessions(now) {
      // One DELETE; the credentials version moves once for it (migration 0021), not once a row.
      if (sweepSqlite !== undefined) return sqlite!.write(() => sweepSqlite(now));
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listAccounts(tenantId) {
      const rows = await db.selectFrom('users').select(['name', 'email', 'roles', 'password_hash', 'created_at']).where('tenant_id', '=', tenantId).orderBy('email').execute();
      return rows.map((row) => ({ userName: row.name, email: row.email ?? row.name, roles: JSON.parse(row.roles) as string[], hasPassword: row.password_hash !== null, createdAt: row.created_at }));
    },
    async listTokens(tenantId) {
      const rows = await db.selectFrom('api_tokens').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toTokenRow);
    },
  };
}

/**
 * SQLite's sweep: one synchronous BEGIN IMMEDIATE transaction that holds SESSION_SWEEP_KEY (so the row trigger
 * stands aside), deletes every session expired at `now` in one statement and bumps the credentials version once if any went.
 */
function sqliteSessionSweep(sqlite: Database.Database): (now: string) => number {
  const hold = sqlite.prepare(`INSERT INTO store_meta (key, value) VALUES ('${SESSION_SWEEP_KEY}', '1')`);
  const sweep = sqlite.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  const release = sqlite.prepare(`DELETE FROM store_meta WHERE key = '${SESSION_SWEEP_KEY}'`);
  const bump = sqlite.prepare(sqliteBumpSql(`VALUES ('${CREDENTIALS_VERSION_KEY}', '1')`));
  const run = sqlite.transaction((now: string): number => {
    hold.run();
    const gone = sweep.run(now).changes;
    release.run();
    if (gone > 0) bump.run();
    return gone;
  });
  return (now) => run.immediate(now);
}

function toTokenRow(row: Selectable<ProcessOsDatabase['api_tokens']>): TokenRow {
  return {
    id: row.id, tenantId: row.tenant_id, userName: row.user_name, scope: row.scope, tokenHash: row.token_hash, createdAt: row.created_at,
    revokedAt: row.revoked_at, lastUsedAt: row.last_used_at,
  };
}

function toSessionRow(row: Selectable<ProcessOsDatabase['sessions']>): SessionRow {
  return { idHash: row.id_hash, tenantId: row.tenant_id, userName: row.user_name, csrfToken: row.csrf_token, createdAt: row.created_at, expiresAt: row.expires_at };
}
