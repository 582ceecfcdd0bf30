import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { discoverSite, pullOperation, requirePermission } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const Operation = z.looseObject({
  name: z.string(), ref: z.string(), url: z.string(), section: z.string(), workflowId: z.string().nullable(), description: z.string().nullable(), valid: z.boolean(),
  steps: z.array(z.looseObject({ sequence_order: z.number().int(), id: z.string(), title: z.string(), performer: z.enum(['human', 'agent', 'system']), role: z.string().nullable() })),
  whoDoesWhat: z.array(z.object({ role: z.string(), steps: z.array(z.string()) })),
  approvals: z.array(z.looseObject({ step: z.string(), reasons: z.array(z.string()), approverRole: z.string().nullable() })),
  outline: z.string(),
  problems: z.array(z.looseObject({ code: z.string(), message: z.string() })),
});

/** `discover`: what another site's `.sop` collection offers, and one operation's `.osop` text. */
export function registerDiscoverTool(server: McpServer, ctx: McpContext): void {
  server.registerTool('discover', {
    title: "Discover a site's SOPs",
    description: "Reads a site's .sop collection (robots.txt for agents: /.well-known/sop, then /.sop), validates it and lists its operations: each one's steps in order (1-based sequence_order, performer human/agent/system, role), who does what, and which steps a person approves. Give name to also get that operation's .osop text (validated; pass it to create_sop to keep it as a draft). Reads at most 1 MB per document, 10 s per fetch and 30 s in all, 5 redirects, http(s) only.",
    inputSchema: {
      url: z.string().describe('the site, e.g. https://example.com, or its .sop URL'),
      name: z.string().optional().describe("an operation's title, workflow id or ref: also return its .osop text"),
    },
    outputSchema: {
      collectionUrl: z.string(),
      collection: z.object({ id: z.string(), name: z.string(), description: z.string().nullable(), version: z.string().nullable() }),
      operations: z.array(Operation),
      pulled: z.object({ name: z.string(), url: z.string(), fileName: z.string(), text: z.string() }).nullable(),
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  }, async ({ url, name }) => toolResult(async () => {
    requirePermission(processContext(ctx), 'sops.read');
    // Over HTTP the server fetches for a remote caller: only public sites, unless listed (no SSRF into the server's network).
    const limits = ctx.fetchAllowedHosts === undefined ? {} : { publicOnly: true, allowedHosts: ctx.fetchAllowedHosts };
    const site = await discoverSite(url, limits);
    return { ...site, pulled: name === undefined ? null : await pullOperation(site.collectionUrl, name, limits) };
  }));
}
