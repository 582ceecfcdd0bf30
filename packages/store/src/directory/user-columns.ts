import type { UserRecord } from '@sopflow/engine';

/** A `users` row as both SQL dialects return it. */
export interface UserColumns { name: string; roles: string; level: string | null; admin: number; os_user: string | null; created_at: string; updated_at: string }

/** Pure; the user a `users` row holds. */
export function toUserRecord(row: UserColumns): UserRecord {
  return {
    name: row.name, roles: JSON.parse(row.roles) as string[], admin: Number(row.admin) === 1,
    ...(row.level === null ? {} : { level: row.level }), ...(row.os_user === null ? {} : { osUser: row.os_user }),
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Pure; a user's column values in insert order (name, roles, level, admin, os_user, created_at, updated_at). */
export function userColumnValues(record: UserRecord): (string | number | null)[] {
  return [record.name, JSON.stringify(record.roles), record.level ?? null, record.admin ? 1 : 0, record.osUser ?? null, record.createdAt, record.updatedAt];
}
