import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the real `sopflow` binary (tests run after `npm run build`, as a user would). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SOPFLOW_BIN = join(REPO_ROOT, 'apps/cli/bin/sopflow.js');

/** How to start the CLI (node arguments before its own): the built binary, or its sources with SOPFLOW_E2E_FROM_SOURCE=1. */
export const CLI: string[] = process.env.SOPFLOW_E2E_FROM_SOURCE === '1'
  ? ['--conditions=sopflow-source', '--import', import.meta.resolve('tsx'), fileURLToPath(new URL('./run-cli-from-source.ts', import.meta.url))]
  : [SOPFLOW_BIN];

/** The acceptance floor's user: ops@acme.test with this password, in tenant acme. */
export const OPS_EMAIL = 'ops@acme.test';
export const OPS_PASSWORD = 'correct horse battery staple';

export interface ServedStore {
  url: string;
  /** An admin API token of tenant acme (for the acceptance script and set-up calls). */
  token: string;
  dir: string;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  /** Runs the CLI on the same store (its stdout; throws on a non-zero exit). */
  cli(args: string[], input?: string): string;
  stop(): Promise<void>;
}

/**
 * Sets up a temporary store with the CLI (tenant acme, user ops@acme.test as owner with step role
 * `ops`, an admin token) and starts `sopflow serve` on a free port, as the acceptance README shows;
 * `env` adds to the server's environment (an agent command, say).
 */
export async function serveTemporaryStore(options: { env?: Record<string, string> } = {}): Promise<ServedStore> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-web-e2e-'));
  const env = { ...process.env, ...options.env, NO_COLOR: '1', SOPFLOW_DB: join(dir, 'sopflow.db'), SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
  const cli = (args: string[], input = '') => {
    const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, env, input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sopflow ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  cli(['tenants', 'create', 'acme']);
  cli(['users', 'add', OPS_EMAIL, '--tenant', 'acme', '--role', 'owner', '--role', 'ops', '--password-stdin'], `${OPS_PASSWORD}\n`);
  const token = (JSON.parse(cli(['tokens', 'create', '--tenant', 'acme', '--user', OPS_EMAIL, '--scope', 'admin', '--json'])) as { token: string }).token;

  const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await listeningUrl(child);
  const api = async (method: string, path: string, body?: unknown) => {
    const r = await fetch(url + path, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: r.status, json: await r.json().catch(() => null) };
  };
  return {
    url, token, dir, api, cli,
    stop: () => stopServe(child, dir),
  };
}

/** Stops a `sopflow serve` child (SIGTERM, waiting for its exit) and removes its temporary store. */
export async function stopServe(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}

export function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match !== null) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`sopflow serve exited (${code}) before listening: ${err}${out}`)));
  });
}
