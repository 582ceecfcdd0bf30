/**
 * Who people are: the identity directory the engine checks `auth_level` against. With no
 * directory configured the engine still accepts decisions, but records them as not level-verified.
 */
export interface Directory {
  /** The person's authorisation level (one of the workflow's `authLevels`), or undefined if unknown. */
  levelOf(user: string): string | undefined;
  /** The person's roles (empty if unknown). */
  rolesOf(user: string): readonly string[];
}

export interface DirectoryUser {
  level?: string;
  roles?: readonly string[];
}

/** A directory over a fixed table of users. @example createDirectory({ alice: { level: 'supervisor' } }) */
export function createDirectory(users: Readonly<Record<string, DirectoryUser>>): Directory {
  const table = new Map(Object.entries(users));
  return {
    levelOf: (user) => table.get(user)?.level,
    rolesOf: (user) => table.get(user)?.roles ?? [],
  };
}
