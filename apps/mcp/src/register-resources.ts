import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { asServiceError, getRunLog, getSopDocument, getTenantRun, listSops, listWorkstreams, type ProcessContext, type SopSummary } from '@sopflow/service';
import { processContext, type McpContext } from './mcp-context.js';
import { sopCollection, stringifyCollection } from './sop-collection.js';

/** The tenant's `.sop` collection; its entries' refs resolve to the `.osop` resources beside it. */
export const COLLECTION_URI = 'sopflow://sops/collection.sop';

/**
 * Resources: each SOP's `.osop` (`sopflow://sops/{id}.osop`, its current version as stored), the
 * tenant's `.sop` collection, and each run's `.osoplog` (`sopflow://runs/{id}.osoplog`). Reads
 * check the caller's tenant and permission like the tools; a refusal is an MCP error naming its code.
 */
export function registerResources(server: McpServer, ctx: McpContext): void {
  server.registerResource('sop', new ResourceTemplate('sopflow://sops/{id}.osop', {
    list: async () => ({
      resources: (await everySop(processContext(ctx))).map((sop) => ({
        uri: `sopflow://sops/${sop.id}.osop`, name: `${sop.workflowId}.osop`, title: sop.title, mimeType: 'application/yaml',
        description: `${sop.status} · version ${sop.version.semver}`,
      })),
    }),
  }), { title: 'An SOP as .osop', description: "An SOP's current version as .osop YAML", mimeType: 'application/yaml' }, async (uri, { id }) => {
    const doc = await read(() => getSopDocument(processContext(ctx), String(id)));
    return { contents: [{ uri: uri.href, mimeType: 'application/yaml', text: doc.text }] };
  });

  server.registerResource('collection', COLLECTION_URI, {
    title: "The tenant's .sop collection", description: 'Every SOP of the tenant grouped by workstream; each ref is the .osop resource beside it', mimeType: 'application/yaml',
  }, async (uri) => {
    const pc = processContext(ctx);
    const collection = await read(async () => sopCollection(ctx.actor.tenantId, await everySop(pc), await listWorkstreams(pc)));
    return { contents: [{ uri: uri.href, mimeType: 'application/yaml', text: stringifyCollection(collection) }] };
  });

  server.registerResource('run', new ResourceTemplate('sopflow://runs/{id}.osoplog', { list: undefined }), {
    title: 'A run as .osoplog', description: 'What happened in a run: every step, when, by whom, with what result', mimeType: 'application/yaml',
  }, async (uri, { id }) => {
    const pc = processContext(ctx);
    const text = await read(async () => {
      await getTenantRun(pc, String(id));
      return getRunLog(pc, String(id), 'yaml');
    });
    return { contents: [{ uri: uri.href, mimeType: 'application/yaml', text }] };
  });
}

async function everySop(pc: ProcessContext): Promise<SopSummary[]> {
  const all: SopSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSops(pc, { limit: 200, ...(cursor === undefined ? {} : { cursor }) });
    all.push(...page.sops);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

/** A resource read: a service refusal becomes an Error whose message ends with its code (MCP has no structured resource errors). */
async function read<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = asServiceError(error);
    throw refusal === undefined ? error : new Error(`${refusal.message} (${refusal.code})`);
  }
}
