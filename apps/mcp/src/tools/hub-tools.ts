import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { HUB_SORTS, hubPull, hubSearch, requirePermission, ServiceError, type HubConnection } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const HubUrl = z.string().optional().describe('the hub server, e.g. https://hub.example.com (default: $SOPFLOW_HUB_URL of this MCP server)');
const Community = z.object({ runs: z.number().int(), succeeded: z.number().int(), successRate: z.number(), p50Ms: z.number().int(), p95Ms: z.number().int(), reports: z.number().int() });
const Result = z.object({
  name: z.string(), version: z.string(), title: z.string(), description: z.string().nullable(), contentHash: z.string(), publisherId: z.string(), size: z.number().int(),
  tags: z.array(z.string()), nodeTypes: z.array(z.string()), services: z.array(z.string()), publishedAt: z.string(), community: Community.nullable(),
});

/** `hub_search` and `hub_pull`: find SOPs on an SOP hub and fetch one with its signature and hash checked. */
export function registerHubTools(server: McpServer, ctx: McpContext): void {
  server.registerTool('hub_search', {
    title: 'Search an SOP hub',
    description: 'Searches an SOP hub (a sopflow server run with --hub) for published procedures: each word must start a word of the name, title, description, tags or step titles; tags, nodeTypes and services (API hosts, providers, MCP servers, tools) narrow it. One result per name, its newest version, with the community figures (runs reported, success rate, p50/p95 duration). sort "community" puts the most-run first.',
    inputSchema: {
      hub: HubUrl,
      text: z.string().max(500).optional().describe('words to look for'),
      tags: z.array(z.string()).max(8).optional(), nodeTypes: z.array(z.string()).max(8).optional(), services: z.array(z.string()).max(8).optional(),
      sort: z.enum(HUB_SORTS).optional(), limit: z.number().int().min(1).max(100).optional(),
    },
    outputSchema: { results: z.array(Result) },
    annotations: { readOnlyHint: true, openWorldHint: true },
  }, async ({ hub, ...input }) => toolResult(async () => {
    requirePermission(processContext(ctx), 'sops.read');
    return hubSearch(connectionOf(ctx, hub), input);
  }));

  server.registerTool('hub_pull', {
    title: 'Pull an SOP from a hub',
    description: "Fetches NAME's newest version (or the version given) from an SOP hub and checks it before returning it: the document must hash to the hub's content hash, the publisher's ed25519 signature must verify, and it must be that workflow and version. A tampered answer is refused (invalid_data). Give publisher to accept only that signer. Pass the text to create_sop to keep it as a draft.",
    inputSchema: {
      hub: HubUrl,
      name: z.string().min(1).max(200).describe("the workflow id, e.g. take-first-payment"),
      version: z.string().max(100).optional().describe('a semver; default the newest'),
      publisher: z.string().optional().describe('refuse unless signed by this publisher id (ed25519:…)'),
    },
    outputSchema: {
      name: z.string(), version: z.string(), document: z.string(), contentHash: z.string(), publisherId: z.string(), publishedAt: z.string(),
      verified: z.object({ hash: z.literal(true), signature: z.literal(true) }),
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  }, async ({ hub, name, version, publisher }) => toolResult(async () => {
    requirePermission(processContext(ctx), 'sops.read');
    const pulled = await hubPull(connectionOf(ctx, hub), name, version, publisher === undefined ? {} : { expectPublisher: publisher });
    return {
      name: pulled.name, version: pulled.version, document: pulled.document, contentHash: pulled.contentHash, publisherId: pulled.publisherId, publishedAt: pulled.publishedAt,
      verified: { hash: true, signature: true },
    };
  }));
}

/** The hub to ask; over HTTP the server fetches for a remote caller, so only public hosts unless listed (as discover). */
function connectionOf(ctx: McpContext, hub: string | undefined): HubConnection {
  const url = hub ?? process.env.SOPFLOW_HUB_URL;
  if (url === undefined || url === '') throw new ServiceError('invalid_request', 'give hub (the hub server URL); this MCP server has no SOPFLOW_HUB_URL', { field: 'hub' });
  return { hub: url, ...(ctx.fetchAllowedHosts === undefined ? {} : { limits: { publicOnly: true, allowedHosts: ctx.fetchAllowedHosts } }) };
}
