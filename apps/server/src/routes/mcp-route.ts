import type { OpenAPIHono } from '@hono/zod-openapi';
import { createMcpHttpHandler, readSkills, skillsDirectory } from '@sopflow/mcp';
import type { Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';

/**
 * `/mcp`: the MCP server over Streamable HTTP (stateless, JSON responses) for AI agents. Bearer
 * token only — the token's user, tenant and scope decide what each tool may do; no cookie sessions.
 * `discover` reads only public sites, plus the hosts listed in `SOPFLOW_DISCOVER_ALLOWED_HOSTS`
 * (comma-separated names, `*.domain`, addresses or CIDR ranges).
 */
export function registerMcpRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  const allowed = (process.env.SOPFLOW_DISCOVER_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '');
  const handle = createMcpHttpHandler(ws, readSkills(skillsDirectory()), allowed);
  app.all('/mcp', (c) => handle(c.req.raw));
}
