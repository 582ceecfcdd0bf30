import type { Command } from 'commander';
import { currentActor, currentOsUser } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readPasswordFromStdin, withAdmin } from './server-commands.js';
import { printJson } from '../output/print-json.js';

interface UserOptions { role: string[]; level?: string; osUser?: string; admin?: boolean; noAdmin?: boolean; db?: string }

const collect = (v: string, all: string[]) => [...all, v];

/**
 * `sopflow users add|list|set|remove`: the directory of people in the store. The first user of a
 * fresh store becomes its admin (mapped to your OS user unless --os-user says otherwise); afterwards
 * only admins add, change or remove users. The CLI acts as the directory user your OS user maps to.
 */
export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('the people of this store: roles, auth level, admin, OS user');
  users
    .command('add')
    .description('add a user (the first user of a fresh store becomes its admin, mapped to your OS user)')
    .argument('<name>', 'user name (what decisions record)')
    .option('--role <role>', 'a role the user holds (repeatable)', collect, [])
    .option('--level <level>', 'authorisation level (e.g. operator, supervisor, clinician, director)')
    .option('--os-user <account>', 'the OS account this user signs in as (default: the name)')
    .option('--admin', 'may manage users and act on behalf of others')
    .option('--tenant <tenant>', 'add NAME (an email) to this tenant of the Process OS server, with account and step roles')
    .option('--password-stdin', 'with --tenant: read the password from standard input (stored as a scrypt hash)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (name: string, opts: UserOptions & { tenant?: string; passwordStdin?: boolean }) => {
      if (opts.tenant !== undefined) {
        await addTenantUser(name, opts.tenant, opts);
        return;
      }
      if (opts.passwordStdin === true) throw new CliError('--password-stdin goes with --tenant (directory users of the CLI have no password)', ExitCode.usage);
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const { addUser, listUsers } = await import('@sopflow/service');
        const fresh = (await engineCall(() => listUsers(session))).users.length === 0;
        const actor = fresh ? undefined : await currentActor(session);
        const user = await engineCall(() => addUser({ ...session, ...(actor === undefined ? {} : { actor }) }, {
          name, roles: opts.role, ...(opts.level === undefined ? {} : { level: opts.level }), ...(opts.osUser === undefined ? {} : { osUser: opts.osUser }),
          ...(opts.admin === true ? { admin: true } : {}),
        }, currentOsUser()));
        const first = user.first ? ` — the first user of ${session.dbPath}, so its admin${user.os_user === null ? '' : `, mapped to the OS user ${user.os_user}`}` : '';
        process.stdout.write(`added ${describe(user)}${first}\n`);
      } finally {
        await session.close();
      }
    });
  users
    .command('list')
    .description('list the users (read-only)')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print JSON: { version, users }')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { listUsers } = await import('@sopflow/service');
        const listed = await engineCall(() => listUsers(session));
        if (opts.json === true) {
          printJson(listed, 2);
          return;
        }
        if (listed.users.length === 0) process.stdout.write(`no users in ${session.dbPath}; the first \`sopflow users add NAME --role R\` becomes its admin\n`);
        for (const user of listed.users) process.stdout.write(`${describe(user)}\n`);
      } finally {
        await session.close();
      }
    });
  users
    .command('set')
    .description('change a user (admins only); --role replaces the roles')
    .argument('<name>', 'user name')
    .option('--role <role>', 'a role (repeatable; replaces the roles)', collect, [])
    .option('--level <level>', 'authorisation level ("" clears it)')
    .option('--os-user <account>', 'the OS account ("" clears it)')
    .option('--admin', 'make an admin')
    .option('--no-admin', 'no longer an admin')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (name: string, opts: UserOptions & { admin?: boolean }) => {
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const actor = await currentActor(session);
        const { setUser } = await import('@sopflow/service');
        const user = await engineCall(() => setUser({ ...session, actor }, name, {
          ...(opts.role.length === 0 ? {} : { roles: opts.role }),
          ...(opts.level === undefined ? {} : { level: opts.level === '' ? null : opts.level }),
          ...(opts.osUser === undefined ? {} : { osUser: opts.osUser === '' ? null : opts.osUser }),
          ...(opts.admin === undefined ? {} : { admin: opts.admin }),
        }));
        process.stdout.write(`changed ${describe(user)}\n`);
      } finally {
        await session.close();
      }
    });
  users
    .command('remove')
    .description('remove a user (admins only); their recorded decisions stay')
    .argument('<name>', 'user name')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (name: string, opts: { db?: string }) => {
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const actor = await currentActor(session);
        const { removeUser } = await import('@sopflow/service');
        await engineCall(() => removeUser({ ...session, actor }, name));
        process.stdout.write(`removed ${name}\n`);
      } finally {
        await session.close();
      }
    });
}

function describe(user: { name: string; roles: readonly string[]; level: string | null; admin: boolean; os_user: string | null }): string {
  const parts = [user.roles.length === 0 ? 'no roles' : `roles ${user.roles.join(', ')}`];
  if (user.level !== null) parts.push(`level ${user.level}`);
  if (user.admin) parts.push('admin');
  if (user.os_user !== null) parts.push(`OS user ${user.os_user}`);
  return `${user.name} (${parts.join('; ')})`;
}

/** `users add EMAIL --tenant T --role R [--password-stdin]`: an account user of a tenant, added by the local operator. */
async function addTenantUser(email: string, tenant: string, opts: UserOptions & { passwordStdin?: boolean }): Promise<void> {
  const password = opts.passwordStdin === true ? readPasswordFromStdin() : undefined;
  await withAdmin(opts, async (ctx) => {
    const { addAccountUser } = await import('@sopflow/service');
    const user = await engineCall(() => addAccountUser(ctx, {
      tenant, email, roles: opts.role, ...(opts.level === undefined ? {} : { level: opts.level }), ...(password === undefined ? {} : { password }),
      ...(opts.osUser === undefined ? {} : { osUser: opts.osUser }),
    }));
    process.stdout.write(`added ${user.email} to tenant ${user.tenant} (roles ${user.roles.join(', ')}${user.password ? '; password set' : '; no password: API tokens only'})\n`);
  });
}
