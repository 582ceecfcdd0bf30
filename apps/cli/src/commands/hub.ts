import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { HubConnection, HubSearchResult, HubSort } from '@sopflow/service';
import { CliError, ExitCode } from '../io/exit-code.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { terminalText } from '../output/terminal-text.js';
import { printJson } from '../output/print-json.js';

interface HubOptions { hub?: string; tokenStdin?: boolean; json?: boolean }

/** Where `hub keygen` writes and `hub publish` reads the key pair by default. */
const DEFAULT_KEY_DIR = join(homedir(), '.config', 'sopflow');
const KEY_FILE = 'hub-key.pem';
const PUBLIC_KEY_FILE = 'hub-key.pub.pem';
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `sopflow hub keygen|publish|search|pull|report|ranking`: the SOP hub's client. A thin adapter
 * over the service's hub client; the token comes from SOPFLOW_HUB_TOKEN or `--token-stdin`, never argv.
 */
export function registerHubCommands(program: Command): void {
  const hub = program.command('hub').description('the SOP hub: publish signed SOPs, search, pull verified ones, report runs (a server started with `sopflow serve --hub`)');
  const withHub = (cmd: Command) => cmd.option('--hub <url>', 'the hub server (default $SOPFLOW_HUB_URL)').option('--json', 'print JSON');
  const withToken = (cmd: Command) => cmd.option('--token-stdin', 'read the hub API token from standard input (default $SOPFLOW_HUB_TOKEN)');

  hub.command('keygen')
    .description(`make an ed25519 key pair for publishing: ${KEY_FILE} (mode 0600) and ${PUBLIC_KEY_FILE}`)
    .option('--out <dir>', `folder to write them in (default ${DEFAULT_KEY_DIR})`)
    .option('--force', 'replace an existing key pair')
    .action(async (opts: { out?: string; force?: boolean }) => {
      const { generateHubKeyPair } = await import('@sopflow/service');
      const dir = resolve(opts.out ?? DEFAULT_KEY_DIR);
      const file = join(dir, KEY_FILE);
      if (existsSync(file) && opts.force !== true) throw new CliError(`${file} exists; give --force to replace it (its name bindings on hubs are lost)`, ExitCode.failed);
      const pair = generateHubKeyPair();
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(file, pair.privateKeyPem, { mode: 0o600 });
      chmodSync(file, 0o600);
      writeFileSync(join(dir, PUBLIC_KEY_FILE), pair.publicKeyPem, { mode: 0o644 });
      process.stdout.write(`wrote ${file} (private, mode 0600) and ${join(dir, PUBLIC_KEY_FILE)}\npublisher ${pair.publisherId}\n`);
    });

  withToken(withHub(hub.command('publish')))
    .description('sign FILE.osop with your key and publish it (validated; a semver version; name@version is immutable)')
    .argument('<file>', 'the .osop to publish; its id is the name')
    .option('--key <path>', `private key (default ${join(DEFAULT_KEY_DIR, KEY_FILE)})`)
    .action(async (file: string, opts: HubOptions & { key?: string }) => {
      const { hubPublish } = await import('@sopflow/service');
      const document = readText(file);
      const keyPem = readText(opts.key ?? join(DEFAULT_KEY_DIR, KEY_FILE), 'give --key PATH or run `sopflow hub keygen`');
      const published = await engineCall(() => hubPublish(connection(opts, true), document, keyPem));
      print(opts, published, `${published.status} ${published.name}@${published.version} (sha256 ${published.contentHash.slice(0, 12)}…, publisher ${published.publisherId})`);
    });

  withHub(hub.command('search'))
    .description('search the hub: every word must start a word of the name, title, description, tags or step titles')
    .argument('[text]', 'words to look for')
    .option('--tag <tag>', 'only SOPs with this tag (repeatable)', collect, [])
    .option('--node-type <type>', 'only SOPs with a step of this type (repeatable)', collect, [])
    .option('--service <service>', 'only SOPs naming this service: an API host, provider, MCP server or tool (repeatable)', collect, [])
    .option('--sort <order>', 'relevance | community (most runs reported) | name', 'relevance')
    .option('--limit <n>', 'at most this many results (1-100)', '20')
    .action(async (text: string | undefined, opts: HubOptions & { tag: string[]; nodeType: string[]; service: string[]; sort: string; limit: string }) => {
      const { hubSearch, HUB_SORTS } = await import('@sopflow/service');
      if (!(HUB_SORTS as readonly string[]).includes(opts.sort)) throw new CliError(`--sort ${opts.sort}: give ${HUB_SORTS.join(', ')}`, ExitCode.usage);
      const found = await engineCall(() => hubSearch(connection(opts), {
        ...(text === undefined ? {} : { text }), tags: opts.tag, nodeTypes: opts.nodeType, services: opts.service, sort: opts.sort as HubSort, limit: wholeNumber(opts.limit, '--limit'),
      }));
      print(opts, found, found.results.length === 0 ? 'no SOPs match' : found.results.map(describeResult).join('\n'));
    });

  withHub(hub.command('pull'))
    .description('download NAME (newest) or NAME@VERSION after checking its hash and its publisher\'s signature')
    .argument('<name>', 'NAME or NAME@VERSION')
    .option('--out <file>', 'where to write it (default NAME.osop here)')
    .option('--publisher <id>', 'refuse it unless signed by this publisher (ed25519:…)')
    .option('--force', 'overwrite an existing file')
    .action(async (spec: string, opts: HubOptions & { out?: string; publisher?: string; force?: boolean }) => {
      const { hubPull } = await import('@sopflow/service');
      const [name, version] = nameAndVersion(spec, false);
      const file = resolve(opts.out ?? `${name}.osop`);
      if (existsSync(file) && opts.force !== true) throw new CliError(`${file} exists; give --out FILE or --force`, ExitCode.failed);
      const pulled = await engineCall(() => hubPull(connection(opts), name, version, opts.publisher === undefined ? {} : { expectPublisher: opts.publisher }));
      writeFileSync(file, pulled.document);
      print(opts, { name: pulled.name, version: pulled.version, contentHash: pulled.contentHash, publisherId: pulled.publisherId, file },
        `saved ${pulled.name}@${pulled.version} to ${file}\n  sha256 ${pulled.contentHash} ✓\n  signed by ${pulled.publisherId} ✓`);
    });

  withToken(withHub(hub.command('report')))
    .description("send NAME@VERSION's run figures from this store: counts, success rate, p50/p95 duration (no ids, people or inputs)")
    .argument('<name@version>', 'the published version your runs used')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--dry-run', 'print the figures without sending them')
    .action(async (spec: string, opts: HubOptions & { db?: string; auditKey?: string; dryRun?: boolean }) => {
      const { collectRunFigures, hubReport } = await import('@sopflow/service');
      const [name, version] = nameAndVersion(spec, true);
      const session = await openEngine({ ...storeOptionsOf(opts), readonly: true });
      const figures = await engineCall(() => collectRunFigures(session.store, name, version!)).finally(() => session.close());
      const line = `${figures.runs} runs, ${figures.succeeded} succeeded, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms`;
      if (opts.dryRun === true) return print(opts, figures, `would report ${name}@${version}: ${line}`);
      await engineCall(() => hubReport(connection(opts, true), figures));
      print(opts, { reported: figures }, `reported ${name}@${version}: ${line}`);
    });

  withHub(hub.command('ranking'))
    .description('the community-optimised ranking: the most-run versions with their success figures')
    .option('--limit <n>', 'at most this many (1-100)', '20')
    .action(async (opts: HubOptions & { limit: string }) => {
      const { hubRankingOf } = await import('@sopflow/service');
      const { ranking } = await engineCall(() => hubRankingOf(connection(opts), wholeNumber(opts.limit, '--limit')));
      print(opts, { ranking }, ranking.length === 0 ? 'no runs reported yet' : ranking.map((r, i) =>
        `${String(i + 1).padStart(2)}. ${r.name}@${r.version}  ${r.runs} runs, ${(r.successRate * 100).toFixed(1)} % succeeded, p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms  — ${r.title}`).join('\n'));
    });
}

function connection(opts: HubOptions, write = false): HubConnection {
  const hub = opts.hub ?? process.env.SOPFLOW_HUB_URL;
  if (hub === undefined || hub === '') throw new CliError('give --hub URL (or set SOPFLOW_HUB_URL)', ExitCode.usage);
  if (!write) return { hub };
  const token = opts.tokenStdin === true ? readFileSync(0, 'utf8').split(/\r?\n/)[0]!.trim() : process.env.SOPFLOW_HUB_TOKEN;
  if (token === undefined || token === '') throw new CliError('this needs a token of the hub server: set SOPFLOW_HUB_TOKEN or pipe it to --token-stdin', ExitCode.usage);
  return { hub, token };
}

function nameAndVersion(spec: string, versionRequired: boolean): [string, string | undefined] {
  const at = spec.lastIndexOf('@');
  const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
  if (name === '' || version === '' || (versionRequired && version === undefined)) throw new CliError(`${spec}: give NAME${versionRequired ? '@VERSION' : '[@VERSION]'}`, ExitCode.usage);
  return [name, version];
}

function readText(file: string, hint?: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}${hint === undefined ? '' : `; ${hint}`}`, ExitCode.usage);
  }
}

function wholeNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new CliError(`${flag} ${value}: give a whole number`, ExitCode.usage);
  return n;
}

function print(opts: HubOptions, data: unknown, text: string): void {
  if (opts.json === true) printJson(data, 2);
  else process.stdout.write(`${terminalText(text)}\n`);
}

function describeResult(r: HubSearchResult): string {
  const community = r.community === null ? 'no runs reported' : `${r.community.runs} runs, ${(r.community.successRate * 100).toFixed(1)} % succeeded`;
  const facets = [r.tags.length === 0 ? '' : `tags ${r.tags.join(', ')}`, `steps ${r.nodeTypes.join(', ')}`, r.services.length === 0 ? '' : `services ${r.services.join(', ')}`];
  return `${r.name}@${r.version}  ${r.title}\n  ${r.description ?? ''}${r.description === null ? '' : '\n  '}${facets.filter((f) => f !== '').join(' · ')}\n  ${community} · ${r.publisherId}`;
}
