import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createToken } from '@sopflow/service';
import { startServer, type RunningServer } from '../start-server.js';

/** A real server on 127.0.0.1 over a fresh SQLite store, with an admin token of its default owner and a JSON caller. */
export interface SocketServer {
  server: RunningServer;
  /** A new token of the default tenant's owner. */
  tokenOf(scope: 'read' | 'run' | 'admin'): Promise<{ id: string; token: string }>;
  /** Calls the server as the admin token with a JSON body. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/** Starts a real server on 127.0.0.1:0 over a fresh SQLite store in a new temp folder named from `prefix`; `close` stops it and removes the folder. */
export async function openSocketServer(prefix: string, options: { heartbeatMs?: number; hub?: boolean } = {}): Promise<SocketServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: 20, ...(options.heartbeatMs === undefined ? {} : { heartbeatMs: options.heartbeatMs }) }, hub: options.hub === true, pollMs: 20 });
  const tokenOf = (scope: 'read' | 'run' | 'admin') => createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: 'owner@localhost', scope });
  const auth = { authorization: `Bearer ${(await tokenOf('admin')).token}` };
  return {
    server,
    tokenOf,
    async api(method, path, body) {
      const res = await fetch(server.url + path, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, json: await res.json() as any };
    },
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
