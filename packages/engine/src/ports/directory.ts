import type { UserRecord } from './user-directory.js';

/**
 * Who people are: the identity directory the engine checks `auth_level` against. With no
 * directory configured the engine still accepts decisions, but records them as not level-verified.
 */
export interface Directory {
  /** The person's authorisation level (one of the workflow's `authLevels`), or undefined if unknown. */
  levelOf(user: string): string | undefined;
  /** The person's roles (empty if unknown). */
  rolesOf(user: string): readonly string[];
  /** The directory version this view was built from (0 for a fixed table). */
  readonly version: number;
}

export interface DirectoryUser {
  level?: string;
  roles?: readonly string[];
}

/** A directory over a fixed table of users. @example createDirectory({ alice: { level: 'supervisor' } }) */
export function createDirectory(users: Readonly<Record<string, DirectoryUser>>, version = 0): Directory {
  const table = new Map(Object.entries(users));
  return {
    levelOf: (user) => table.get(user)?.level,
    rolesOf: (user) => table.get(user)?.roles ?? [],
    version,
  };
}

/**
 * Pure; the engine's synchronous view of a store's user directory, from one snapshot.
 * @example directoryFromUsers(await store.listUsers(), await store.directoryVersion())
 */
export function directoryFromUsers(users: readonly UserRecord[], version: number): Directory {
  const table: Record<string, DirectoryUser> = Object.create(null);
  for (const user of users) table[user.name] = { roles: [...user.roles], ...(user.level === undefined ? {} : { level: user.level }) };
  return createDirectory(table, version);
}
