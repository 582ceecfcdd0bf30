import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, listeningUrl, stopServe } from './serve-fixture.js';

export interface DemoServer {
  url: string;
  /** The first owner, owner@localhost, and the one-time password `serve` printed for it. */
  email: string;
  password: string;
  /** Calls the API as the owner (a session cookie and its CSRF token). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  stop(): Promise<void>;
}

/** Starts the real `sopflow serve --demo --port 0` on a fresh temporary store, as a new user would, and signs its owner in for set-up calls. */
export async function serveDemo(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-web-demo-'));
  const env = { ...process.env, NO_COLOR: '1', SOPFLOW_DB: join(dir, 'sopflow.db'), SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
  const child = spawn(process.execPath, [...CLI, 'serve', '--port', '0', '--demo'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const url = await listeningUrl(child);
  const password = /one-time password: (\S+)/.exec(out)?.[1];
  if (password === undefined) throw new Error(`sopflow serve printed no one-time password: ${out}`);
  const email = 'owner@localhost';
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const api = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const r = await fetch(url + path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: r.status, json: await r.json().catch(() => null) };
  };
  return {
    url, email, password, api,
    stop: () => stopServe(child, dir),
  };
}
