import { serve, type ServerType } from '@hono/node-server';
import { bootstrapFirstTenant, openWorkspace, type FirstLogin, type Workspace } from '@sopflow/service';
import { createServerApp, type ServerAppOptions } from './create-server-app.js';
import { startRuntime, type RuntimeOptions } from './start-runtime.js';
import { createChangeFeed, type ChangeFeed } from './change-feed.js';
import { isLoopback, LOOPBACK_HOSTS } from './check-host.js';

export interface StartServerOptions extends ServerAppOptions, RuntimeOptions {
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The database (file); else SOPFLOW_DB, else .sopflow/sopflow.db. */
  db?: string;
  /** The audit key file; else SOPFLOW_AUDIT_KEY_FILE, else ~/.config/sopflow/audit.key. */
  auditKeyFile?: string;
  /** Folder cli steps run in; default the working directory. */
  baseDir?: string;
  /** Named in the admin audit as who bootstrapped the store. */
  operator?: string;
  /** Called with the workspace before the server listens (the demo library seeds here). */
  prepare?: (ws: Workspace) => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Set on a fresh store: the first tenant's owner and a one-time password. */
  firstLogin: FirstLogin | undefined;
  workspace: Workspace;
  /** The process's one change feed (every SSE stream and /metrics read it). */
  feed: ChangeFeed;
  close(): Promise<void>;
}

/** Opens the store, bootstraps the first tenant on a fresh store, starts the embedded worker and scheduler, and listens. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  let wakeFeed = (): void => undefined;
  const ws = await openWorkspace({ ...(options.db === undefined ? {} : { db: options.db }), ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
    ...(options.auditKeyFile === undefined ? {} : { auditKeyFile: options.auditKeyFile }),
    // The embedded worker's events reach the streams at once; the feed's polling is for other processes' writes.
    onEvents: () => wakeFeed(),
  });
  try {
    const firstLogin = await bootstrapFirstTenant({ store: ws.store, localAdmin: options.operator ?? 'sopflow serve' });
    if (options.prepare !== undefined) await options.prepare(ws);
    const feed = options.feed ?? createChangeFeed(ws.store, options.events?.pollMs === undefined ? {} : { pollMs: options.events.pollMs });
    wakeFeed = () => feed.wake();
    const host = options.host ?? '127.0.0.1';
    // Bound to loopback, a session comes only under a loopback name, the bound one or one named (DNS rebinding); elsewhere only when names are given.
    const allowedHosts = isLoopback(host) ? [...LOOPBACK_HOSTS, host, ...(options.allowedHosts ?? [])] : options.allowedHosts;
    const app = createServerApp(ws, { ...options, feed, ...(allowedHosts === undefined ? {} : { allowedHosts }) });
    // Listen before the worker and scheduler start: a port in use then leaves nothing running behind the error.
    const server = await new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, (info) => resolve({ server: s, port: info.port }));
      s.once('error', reject);
    }).catch((error: unknown) => { feed.close(); throw error; });
    const runtime = startRuntime(ws, options);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
    return {
      url, port: server.port, firstLogin, workspace: ws, feed,
      async close() {
        feed.close();
        await new Promise<void>((resolve) => server.server.close(() => resolve()));
        await runtime.stop();
        await ws.close();
      },
    };
  } catch (error) {
    await ws.close();
    throw error;
  }
}
