import { ServiceError } from '../service-error.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** User fields as given by a person: names and roles are short words, a level is one word; else `invalid_request` naming the field. */
export function checkUserInput(input: { name?: string; roles?: readonly string[]; level?: string; osUser?: string }): void {
  if (input.name !== undefined && !NAME.test(input.name)) throw new ServiceError('invalid_request', `user name "${input.name}" must be 1–64 letters, digits, . _ @ or -`);
  for (const role of input.roles ?? []) if (!NAME.test(role)) throw new ServiceError('invalid_request', `role "${role}" must be 1–64 letters, digits, . _ @ or -`);
  if (input.level !== undefined && !NAME.test(input.level)) throw new ServiceError('invalid_request', `level "${input.level}" must be one word such as operator or supervisor`);
  if (input.osUser !== undefined && !NAME.test(input.osUser)) throw new ServiceError('invalid_request', `OS user "${input.osUser}" must be 1–64 letters, digits, . _ @ or -`);
}
