import type { Context } from 'hono';
import type { ProcessContext, Workspace } from '@sopflow/service';
import type { ServerEnv } from './authenticate-request.js';

/** The service context of an authenticated request: the workspace's store and engine, and the caller. */
export function context(c: Context<ServerEnv>, ws: Workspace): ProcessContext {
  return { store: ws.store, engine: ws.engine, actor: c.get('actor') };
}
