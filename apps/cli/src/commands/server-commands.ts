import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { currentOsUser } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { printJson } from '../output/print-json.js';

/**
 * `sopflow serve`, `sopflow tenants create`, `sopflow tokens create|revoke`: the Process OS server
 * and its administration. Administration from the command line acts as the machine's operator
 * (whoever may write the database), recorded in the admin audit as `os:ACCOUNT`.
 */
export function registerServerCommands(program: Command): void {
  program
    .command('serve')
    .description('start the Process OS server: the API, an embedded worker and the routine scheduler')
    .option('--port <n>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--demo', 'seed a demo library (the examples as SOPs in two workstreams, a draft, six weeks of finished runs) when the library is empty')
    .option('--hub', 'also act as an SOP hub: /api/hub/* (anyone reads; publishing and run reports need a token)')
    .option('--public-tenant <slug>', 'the tenant whose public SOPs /.well-known/sop and /.sop serve (default: the first tenant created)')
    .option('--allowed-host <name...>', 'a name the server is reached under (behind a proxy): cookie sessions under any other Host are refused (DNS rebinding); on 127.0.0.1 the loopback names are always allowed')
    .option('--trust-proxy <cidrs>', 'reverse proxies (addresses or CIDR blocks, comma-separated) whose X-Forwarded-For names the client of the sign-in and other per-client limits; default SOPFLOW_TRUST_PROXY, else none (the connection\'s address, headers ignored)')
    .action(async (opts: { port: string; host: string; db?: string; auditKey?: string; demo?: boolean; hub?: boolean; publicTenant?: string; allowedHost?: string[]; trustProxy?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port ${opts.port}: give a port number from 0 to 65535`, ExitCode.usage);
      const { startServer, trustedProxies } = await import('@sopflow/server');
      const trustProxy = trustProxyOf(opts.trustProxy, trustedProxies);
      const operator = `os:${currentOsUser()}`;
      const server = await engineCall(() => startServer({
        port, host: opts.host, ...storeOptionsOf(opts), operator, log: (line) => process.stderr.write(`${line}\n`),
        ...(opts.publicTenant === undefined ? {} : { publicTenant: opts.publicTenant }), ...(opts.hub === true ? { hub: true } : {}),
        ...(opts.allowedHost === undefined ? {} : { allowedHosts: opts.allowedHost.map((h) => h.trim().toLowerCase()) }),
        ...(trustProxy === undefined ? {} : { trustProxy }),
        ...(opts.demo === true ? { prepare: async (ws) => { await seedDemo(ws, operator); } } : {}),
      }));
      if (server.firstLogin !== undefined) {
        const l = server.firstLogin;
        process.stdout.write(`created tenant ${l.tenant} and its owner ${l.email}; one-time password: ${l.password}\n`);
        process.stdout.write('  (sign in at POST /api/auth/login; it is not shown again — add people with `sopflow users add EMAIL --tenant T --role R --password-stdin`)\n');
      }
      process.stdout.write(`listening on ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      process.stderr.write('stopping: letting steps in flight finish\n');
      await server.close();
    });

  const tenants = program.command('tenants').description('tenants of the Process OS server');
  tenants
    .command('create')
    .description('create a tenant (lower-case letters, digits and dashes)')
    .argument('<name>', 'tenant name (its slug)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print JSON: { id, slug, name, created_at }')
    .action(async (name: string, opts: { db?: string; auditKey?: string; json?: boolean }) => {
      await withAdmin(opts, async (ctx) => {
        const { createTenant } = await import('@sopflow/service');
        const tenant = await engineCall(() => createTenant(ctx, { slug: name }));
        if (opts.json === true) printJson(tenant);
        else process.stdout.write(`created tenant ${tenant.slug} (${tenant.id})\n`);
      });
    });
  tenants
    .command('list')
    .description('list the tenants')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (opts: { db?: string; auditKey?: string }) => {
      await withAdmin(opts, async (ctx) => {
        const { listTenants } = await import('@sopflow/service');
        for (const t of await engineCall(() => listTenants(ctx))) process.stdout.write(`${t.slug} (${t.id})\n`);
      });
    });

  const tokens = program.command('tokens').description('API tokens of the Process OS server (stored hashed; shown once)');
  tokens
    .command('create')
    .description('create an API token for a user of a tenant; prints the token once')
    .requiredOption('--tenant <tenant>', 'tenant name or id')
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--scope <scope>', 'read | run | admin')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print JSON: { id, token }')
    .action(async (opts: { tenant: string; user: string; scope: string; db?: string; auditKey?: string; json?: boolean }) => {
      await withAdmin(opts, async (ctx) => {
        const { createToken } = await import('@sopflow/service');
        const created = await engineCall(() => createToken(ctx, { tenant: opts.tenant, user: opts.user, scope: opts.scope }));
        if (opts.json === true) printJson({ id: created.id, token: created.token });
        else process.stdout.write(`${created.token}\n(token ${created.id} for ${created.user} in ${created.tenant}, scope ${created.scope}; it is not shown again)\n`);
      });
    });
  tokens
    .command('revoke')
    .description('revoke an API token: it authenticates nobody from now on')
    .argument('<id>', 'token id (tok_…)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (id: string, opts: { db?: string; auditKey?: string }) => {
      await withAdmin(opts, async (ctx) => {
        const { revokeToken } = await import('@sopflow/service');
        const revoked = await engineCall(() => revokeToken(ctx, id));
        process.stdout.write(`revoked token ${revoked.id}\n`);
      });
    });
}

/** Opens the store and runs an administration action as the local operator. */
export async function withAdmin(opts: { db?: string; auditKey?: string }, work: (ctx: { store: import('@sopflow/engine').RunStore; localAdmin: string }) => Promise<void>): Promise<void> {
  const session = await openEngine(storeOptionsOf(opts));
  try {
    await work({ store: session.store, localAdmin: `os:${currentOsUser()}` });
  } finally {
    await session.close();
  }
}

/** A password from standard input (its first line), for `--password-stdin`. */
export function readPasswordFromStdin(): string {
  const password = readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '';
  if (password === '') throw new CliError('--password-stdin: standard input held no password', ExitCode.usage);
  return password;
}

async function seedDemo(ws: import('@sopflow/service').Workspace, operator: string): Promise<void> {
  const { seedDemoLibrary } = await import('@sopflow/service');
  const examples = new URL('../../../../examples/', import.meta.url);
  const seeded = await seedDemoLibrary({ store: ws.store, engine: ws.engine, localAdmin: operator }, examples);
  if (seeded !== undefined) process.stderr.write(`demo library: ${seeded.sops} SOPs in ${seeded.workstreams} workstreams, ${seeded.runs} finished runs over six weeks, ${seeded.trials} delegation trials\n`);
}

/** The trusted proxies of `--trust-proxy`, else of SOPFLOW_TRUST_PROXY (comma-separated), checked now: a bad entry is a usage error naming it and where it came from. */
function trustProxyOf(flag: string | undefined, check: (cidrs: readonly string[]) => unknown): string[] | undefined {
  const [source, text] = flag !== undefined ? ['--trust-proxy', flag] : ['SOPFLOW_TRUST_PROXY', process.env.SOPFLOW_TRUST_PROXY];
  if (text === undefined || text.trim() === '') return undefined;
  const cidrs = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
  try {
    check(cidrs);
  } catch (error) {
    throw new CliError(`${source} ${text}: ${(error as Error).message}`, ExitCode.usage);
  }
  return cidrs;
}
