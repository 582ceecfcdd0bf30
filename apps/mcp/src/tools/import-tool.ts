import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { importDocument, ServiceError } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const Draft = z.looseObject({
  id: z.string(), title: z.string(), status: z.string(), workflowId: z.string(),
  steps: z.array(z.looseObject({ id: z.string(), title: z.string(), sequence_order: z.number().int(), role: z.string().nullable() })),
});

/** `import_document`: a document's procedures into the tenant's library as drafts. */
export function registerImportTool(server: McpServer, ctx: McpContext): void {
  server.registerTool('import_document', {
    title: 'Import SOPs from a document',
    description: "Reads the procedures in a document (Markdown, HTML, plain text as text; Word .docx or PDF as base64) and stores each as a DRAFT SOP of the tenant — never published: a person reviews and publishes it. Steps keep the document's order as a 1-based sequence_order; titles carry no \"Step N\" prefix. Returns the drafts with their steps and the importer's warnings. Needs the sops.write permission.",
    inputSchema: {
      fileName: z.string().describe('the document name; its extension says the format (.md, .html, .txt, .docx, .pdf …)'),
      text: z.string().optional().describe('the document as text (Markdown, HTML, plain text)'),
      base64: z.string().optional().describe('the document as base64 bytes (Word, PDF)'),
      workstreamId: z.string().optional().describe('the workstream to file the drafts under'),
    },
    outputSchema: {
      file: z.string(), format: z.string(), sha256: z.string(), drafts: z.array(Draft),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    },
    annotations: { readOnlyHint: false, destructiveHint: false },
  }, async ({ fileName, text, base64, workstreamId }) => toolResult(async () => {
    if (base64 !== undefined && !/^[A-Za-z0-9+/=\s_-]*$/.test(base64)) throw new ServiceError('invalid_request', 'base64 is not base64', { field: 'base64' });
    const result = await importDocument(processContext(ctx), {
      fileName, ...(text === undefined ? {} : { text }), ...(base64 === undefined ? {} : { bytes: new Uint8Array(Buffer.from(base64, 'base64')) }),
      ...(workstreamId === undefined ? {} : { workstreamId }),
    });
    return { ...result };
  }));
}
