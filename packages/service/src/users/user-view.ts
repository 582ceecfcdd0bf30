import type { UserRecord } from '@sopflow/engine';

/** A directory user as adapters show it (`users list --json` entry). */
export interface UserView {
  name: string;
  roles: string[];
  level: string | null;
  admin: boolean;
  os_user: string | null;
}

/** The stored user as a view. */
export function userView(user: UserRecord): UserView {
  return { name: user.name, roles: [...user.roles], level: user.level ?? null, admin: user.admin, os_user: user.osUser ?? null };
}
