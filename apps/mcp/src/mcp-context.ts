import type { ProcessContext, TenantActor, Workspace } from '@sopflow/service';

/** What every tool and resource of one MCP connection works in: the workspace, who calls, and how runs execute. */
export interface McpContext {
  workspace: Pick<Workspace, 'store' | 'engine'>;
  /** The caller: the OS user's tenant account (stdio) or the bearer token's user (HTTP). */
  actor: TenantActor;
  /** Execute a run's automated steps inside the tool call (stdio, where no worker runs); the server leaves them to its worker. */
  inlineRuns: boolean;
  /**
   * Hosts a remote caller may make this process fetch (`discover`) although they are private,
   * loopback or link-local; undefined = no such limit (stdio: the caller's own machine).
   */
  fetchAllowedHosts?: readonly string[];
}

/** The service context of a call: the store, the engine and the caller. */
export function processContext(ctx: McpContext): ProcessContext {
  return { store: ctx.workspace.store, engine: ctx.workspace.engine, actor: ctx.actor };
}
