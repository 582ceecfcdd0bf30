import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { verifyTenantAdminLog } from '@sopflow/service';
import { processContext, type McpContext } from '../mcp-context.js';
import { toolResult } from '../tool-result.js';

const Break = z.object({ seq: z.number().int(), rowId: z.string().nullable(), problem: z.string(), message: z.string() });

/** `verify_audit`: the caller's tenant's admin audit log checked, as `GET /api/admin/audit/verify` does (the admin permission). */
export function registerAuditTool(server: McpServer, ctx: McpContext): void {
  server.registerTool('verify_audit', {
    title: "Verify the tenant's admin audit log",
    description: "Checks the tenant's audit log of administrative actions (users, tokens, publishing…): every row's link (HMAC under the store's audit key), their order, the head's MAC, and the head against the signed checkpoints, so a changed, deleted, inserted or rolled-back row is reported with its seq and row id. Reads only; no other tenant's log is read. Needs the admin permission.",
    inputSchema: {},
    outputSchema: { ok: z.boolean(), rowsChecked: z.number().int(), breaks: z.array(Break) },
    annotations: { readOnlyHint: true },
  }, async () => toolResult(async () => ({ ...await verifyTenantAdminLog(processContext(ctx)) })));
}
