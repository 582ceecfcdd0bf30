import type { Engine } from '@sopflow/engine';
import type { ServiceContext } from '../service-context.js';

/** The context's engine; a programming error (not a user's) when an adapter forgot to open one. */
export function requireEngine(ctx: ServiceContext): Engine {
  if (ctx.engine === undefined) throw new Error('this service function needs an engine in its context (openWorkspace gives one)');
  return ctx.engine;
}
