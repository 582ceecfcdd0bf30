import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DirectoryUser } from '@sopflow/engine';
import { parse } from 'yaml';
import { CliError, ExitCode } from '../io/exit-code.js';

const MAX_BYTES = 1_000_000;
export const DEFAULT_USERS_FILE = '.sopflow/users.yaml';

/**
 * The identity directory's users: `--users FILE`, else `SOPFLOW_USERS`, else `.sopflow/users.yaml`
 * when it exists; undefined when none is configured. The file (YAML or JSON) reads
 * `users: { alice: { level: supervisor, roles: [release-manager] } }`.
 */
export function readUsersFile(option: string | undefined): Record<string, DirectoryUser> | undefined {
  const named = option ?? (process.env.SOPFLOW_USERS === '' ? undefined : process.env.SOPFLOW_USERS);
  const file = resolve(named ?? DEFAULT_USERS_FILE);
  if (named === undefined && !existsSync(file)) return undefined;
  if (!existsSync(file)) throw new CliError(`users file ${file} does not exist`, ExitCode.usage);
  if (statSync(file).size > MAX_BYTES) throw new CliError(`users file ${file} is larger than 1 MB`, ExitCode.usage);
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`users file ${file}: ${(error as Error).message.split('\n')[0]}`, ExitCode.usage);
  }
  const users = (doc as { users?: unknown } | null)?.users;
  if (users === null || typeof users !== 'object' || Array.isArray(users)) throw new CliError(`users file ${file}: expected a "users" map (name → { level, roles })`, ExitCode.usage);
  const table: Record<string, DirectoryUser> = {};
  for (const [name, raw] of Object.entries(users as Record<string, unknown>)) {
    const entry = (raw ?? {}) as { level?: unknown; roles?: unknown };
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new CliError(`users file ${file}: users.${name} must be a map`, ExitCode.usage);
    if (entry.level !== undefined && typeof entry.level !== 'string') throw new CliError(`users file ${file}: users.${name}.level must be a string`, ExitCode.usage);
    if (entry.roles !== undefined && !(Array.isArray(entry.roles) && entry.roles.every((r) => typeof r === 'string'))) {
      throw new CliError(`users file ${file}: users.${name}.roles must be a list of strings`, ExitCode.usage);
    }
    table[name] = { ...(entry.level === undefined ? {} : { level: entry.level }), ...(entry.roles === undefined ? {} : { roles: entry.roles as string[] }) };
  }
  return table;
}
