import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { verifyTenantAdminLog, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { context } from '../request-context.js';
import { errors, json } from './openapi-responses.js';

const AdminLogBreak = z.object({
  seq: z.number().int().openapi({ description: "the first affected row's seq; 0 when the head is what is wrong" }),
  rowId: z.string().nullable(),
  problem: z.string().openapi({ example: 'changed' }),
  message: z.string(),
}).openapi('AdminLogBreak');
const AdminLogVerdict = z.object({ ok: z.boolean(), rowsChecked: z.number().int(), breaks: z.array(AdminLogBreak) }).openapi('AdminLogVerdict');

/** `GET /api/admin/audit/verify`: the caller's tenant's admin log checked, its head held to the signed checkpoints (the admin permission); no other tenant's log is read. */
export function registerAdminAuditVerifyRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/admin/audit/verify', tags: ['admin'],
    summary: "Check the tenant's admin audit log: every row's link (HMAC under the audit key), their order, the head's MAC and the head against the signed checkpoints (a rolled-back log fails)",
    responses: { 200: json(AdminLogVerdict, 'the verdict: ok, or the broken rows'), ...errors(401, 403) },
  }), async (c) => c.json(await verifyTenantAdminLog(context(c, ws)), 200));
}
