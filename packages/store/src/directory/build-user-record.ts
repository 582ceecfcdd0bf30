import type { UserInput, UserRecord } from '@sopflow/engine';
import { validateUser } from './validate-user.js';

/** Pure; the record `putUser` stores: the validated input, createdAt kept from `existing`, updatedAt = now. */
export function buildUserRecord(input: UserInput, existing: UserRecord | undefined, now: Date): UserRecord {
  const valid = validateUser(input);
  const at = now.toISOString();
  return { ...valid, createdAt: existing?.createdAt ?? at, updatedAt: at };
}
