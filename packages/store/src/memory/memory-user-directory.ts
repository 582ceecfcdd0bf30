import type { UserDirectory, UserRecord } from '@sopflow/engine';
import { buildUserRecord } from '../directory/build-user-record.js';

const copy = (user: UserRecord): UserRecord => ({ ...user, roles: [...user.roles] });

/** The user directory of the memory store: a map and a version counter bumped on every write. */
export function createMemoryUserDirectory(): UserDirectory {
  const users = new Map<string, UserRecord>();
  let version = 0;
  return {
    async listUsers() {
      return [...users.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map(copy);
    },
    async getUser(name) {
      const user = users.get(name);
      return user === undefined ? undefined : copy(user);
    },
    async putUser(input, now = new Date()) {
      const record = buildUserRecord(input, users.get(input.name), now);
      users.set(record.name, record);
      version += 1;
      return copy(record);
    },
    async removeUser(name) {
      if (!users.delete(name)) return false;
      version += 1;
      return true;
    },
    async directoryVersion() {
      return version;
    },
  };
}
