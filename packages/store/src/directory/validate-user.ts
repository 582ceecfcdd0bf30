import type { UserInput } from '@sopflow/engine';
import { StoreError } from '../store-error.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Pure; the user input with defaults applied, or StoreError('invalid_user') naming the field —
 * checked before anything is written, so a bad user changes nothing.
 */
export function validateUser(input: UserInput): Required<Pick<UserInput, 'name' | 'admin'>> & { roles: string[]; level?: string; osUser?: string } {
  const where = typeof input?.name === 'string' && input.name !== '' ? `user ${JSON.stringify(input.name)}` : 'user';
  const fail = (message: string): never => { throw new StoreError('invalid_user', `${where}: ${message}`); };
  if (input === null || typeof input !== 'object') fail('must be an object');
  if (typeof input.name !== 'string' || input.name === '') fail('name must be a non-empty string');
  if (!NAME.test(input.name)) fail('name may only hold letters, digits and . _ @ - (starting with a letter or digit, at most 128)');
  const roles = input.roles ?? [];
  if (!Array.isArray(roles)) fail('roles must be a list of strings');
  for (const role of roles) {
    if (typeof role !== 'string' || !ROLE.test(role)) fail(`role ${JSON.stringify(role)} must be a string of letters, digits and . _ : -`);
  }
  if (input.level !== undefined && (typeof input.level !== 'string' || input.level === '')) fail('level must be a non-empty string');
  if (input.admin !== undefined && typeof input.admin !== 'boolean') fail('admin must be true or false');
  if (input.osUser !== undefined && (typeof input.osUser !== 'string' || input.osUser === '' || /[\s\0]/.test(input.osUser))) {
    fail('osUser must be a non-empty string without spaces');
  }
  return {
    name: input.name, roles: [...new Set(roles)], admin: input.admin ?? false,
    ...(input.level === undefined ? {} : { level: input.level }),
    ...(input.osUser === undefined ? {} : { osUser: input.osUser }),
  };
}
