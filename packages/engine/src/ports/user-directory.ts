/**
 * Port: the people a store knows — their roles, authorisation level and whether they administer
 * the installation. Every write bumps the directory version in the same transaction, so a
 * decision can record which version of the directory it was checked against.
 */
export interface UserDirectory {
  /** Every user, by name. */
  listUsers(): Promise<UserRecord[]>;
  getUser(name: string): Promise<UserRecord | undefined>;
  /** Adds or updates a user (createdAt is kept on update); an invalid user raises StoreError('invalid_user'), nothing stored. */
  putUser(user: UserInput, now?: Date): Promise<UserRecord>;
  /** Removes a user; false (and no version bump) when there was none. */
  removeUser(name: string): Promise<boolean>;
  /** Monotonically increasing; 0 before the first write. */
  directoryVersion(): Promise<number>;
}

/** One person as stored. Times are ISO 8601. */
export interface UserRecord {
  name: string;
  roles: string[];
  /** One of a workflow's `authLevels`. */
  level?: string;
  admin: boolean;
  /** The operating-system account this person signs in as (the CLI maps it to the user). */
  osUser?: string;
  createdAt: string;
  updatedAt: string;
}

/** What `putUser` takes: the record without its times; roles default to none, admin to false. */
export interface UserInput {
  name: string;
  roles?: readonly string[];
  level?: string;
  admin?: boolean;
  osUser?: string;
}
