import type { OpenAPIHono } from '@hono/zod-openapi';
import { createMcpHttpHandler, readSkills, skillsDirectory } from '@sopflow/mcp';
import type { Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';

/**
 * `/mcp`: the MCP server over Streamable HTTP (stateless, JSON responses) for AI agents. Bearer
 * token only — the token's user, tenant and scope decide what each tool may do; no cookie sessions.
 */
export function registerMcpRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  const handle = createMcpHttpHandler(ws, readSkills(skillsDirectory()));
  app.all('/mcp', (c) => handle(c.req.raw));
}
