import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { validateSource } from '@sopflow/format';
import { createSop, getSop, listSops } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const SopSummary = z.looseObject({
  id: z.string(), title: z.string(), description: z.string().nullable(), status: z.string(), workflowId: z.string(),
  version: z.looseObject({ id: z.string(), semver: z.string(), contentHash: z.string(), certification: z.string() }),
});
const SopStep = z.looseObject({
  id: z.string(), title: z.string(), sequence_order: z.number().int(), role: z.string().nullable(), type: z.string(),
  delegation_state: z.string(), state: z.enum(['todo', 'now', 'done', 'blocked']),
});

/** `list_sops`, `get_sop`, `validate`, `create_sop`: reading the library, checking a document, adding a draft. */
export function registerSopTools(server: McpServer, ctx: McpContext): void {
  server.registerTool('list_sops', {
    title: 'List SOPs',
    description: "The tenant's SOPs (standard operating procedures), a page at a time. Each has an id (sop_…), a title, a status (draft, active or archived) and its current version. Only active SOPs can be run.",
    inputSchema: {
      status: z.enum(['draft', 'active', 'archived']).optional().describe('only SOPs in this status'),
      q: z.string().optional().describe('words in the title or workflow id'),
      limit: z.number().int().min(1).max(200).optional().describe('page size, default 50'),
      cursor: z.string().optional().describe('nextCursor of the previous page'),
    },
    outputSchema: {
      sops: z.array(SopSummary), nextCursor: z.string().nullable(),
      total: z.number().int().optional().describe('first page only: how many SOPs match'),
      pageCursors: z.array(z.string()).optional().describe("first page only: every later page's cursor, in order"),
    },
    annotations: { readOnlyHint: true },
  }, async (input) => toolResult(async () => ({ ...await listSops(processContext(ctx), input) })));

  server.registerTool('get_sop', {
    title: 'Get an SOP',
    description: "One SOP with its steps in order (1-based sequence_order), each step's role, type, delegation_state (human_only, trialing, agent_supervised, agent_autonomous) and live state (todo, now, done, blocked) in the run in flight or the latest run. Read the full .osop through the resource sopflow://sops/{id}.osop.",
    inputSchema: { id: z.string().describe('the SOP id, sop_…') },
    outputSchema: { sop: SopSummary.extend({ steps: z.array(SopStep), run: z.looseObject({ runId: z.string(), status: z.string() }).nullable() }) },
    annotations: { readOnlyHint: true },
  }, async ({ id }) => toolResult(async () => ({ sop: await getSop(processContext(ctx), id) })));

  server.registerTool('validate', {
    title: 'Validate a document',
    description: 'Checks an .osop workflow, .sop collection or .osoplog record (YAML or JSON text) against the format and every semantic rule; returns valid and each diagnostic with its code, line and column. Stores nothing.',
    inputSchema: {
      text: z.string().describe('the document text'),
      fileName: z.string().optional().describe('its file name (the extension says the kind); default workflow.osop'),
    },
    outputSchema: {
      valid: z.boolean(), kind: z.string(),
      diagnostics: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string(), line: z.number(), column: z.number() })),
    },
    annotations: { readOnlyHint: true },
  }, async ({ text, fileName }) => toolResult(async () => {
    const report = validateSource(text, fileName ?? 'workflow.osop');
    return {
      valid: report.valid, kind: report.kind,
      diagnostics: report.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column })),
    };
  }));

  server.registerTool('create_sop', {
    title: 'Create a draft SOP',
    description: 'Stores .osop text as a new draft SOP of the tenant (never published: a person reviews and publishes it). A document that does not validate is refused with every diagnostic; nothing is stored. Needs the sops.write permission.',
    inputSchema: {
      osop: z.string().describe('the .osop text (YAML or JSON)'),
      workstreamId: z.string().optional().describe('the workstream to file it under'),
    },
    outputSchema: { sop: SopSummary.extend({ steps: z.array(SopStep) }) },
    annotations: { readOnlyHint: false, destructiveHint: false },
  }, async ({ osop, workstreamId }) => toolResult(async () => ({
    sop: await createSop(processContext(ctx), { osop, ...(workstreamId === undefined ? {} : { workstreamId }) }),
  })));
}
