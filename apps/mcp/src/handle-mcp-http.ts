import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { asServiceError, authenticateToken, httpStatusOf, type Workspace } from '@sopflow/service';
import { createMcpServer } from './create-mcp-server.js';
import type { Skill } from './read-skills.js';

/**
 * The Streamable HTTP endpoint (`/mcp` on the server), stateless: each request carries
 * `Authorization: Bearer TOKEN`, acts as the token's user in the token's tenant within the token's
 * scope, and gets a fresh server answering in JSON. Runs go to the server's worker. A missing or bad
 * token is 401 with the server's error body and `WWW-Authenticate: Bearer`. Sites `discover` fetches
 * for a caller must be public unless `fetchAllowedHosts` lists them.
 */
export function createMcpHttpHandler(ws: Pick<Workspace, 'store' | 'engine'>, skills: readonly Skill[], fetchAllowedHosts: readonly string[] = []): (request: Request) => Promise<Response> {
  return async (request) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
    if (match === null) return refusal('unauthenticated', 'send "Authorization: Bearer TOKEN" (an API token: sopflow tokens create)');
    let actor;
    try {
      actor = await authenticateToken(ws.store, match[1]!);
    } catch (error) {
      const known = asServiceError(error);
      if (known === undefined) throw error;
      return refusal(known.code, known.message);
    }
    const server = createMcpServer({ workspace: ws, actor, inlineRuns: false, fetchAllowedHosts }, skills);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  };
}

function refusal(code: Parameters<typeof httpStatusOf>[0], message: string): Response {
  return new Response(JSON.stringify({ error: { code, message, details: null } }), {
    status: httpStatusOf(code), headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
  });
}
