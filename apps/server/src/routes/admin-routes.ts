import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { addAccountUser, createToken, listAccountUsers, listAuditLog, listTenantTokens, revokeToken, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';
import { body, errors, json } from './openapi-responses.js';

const User = z.object({ email: z.string(), roles: z.array(z.string()), accountRoles: z.array(z.string()), password: z.boolean(), createdAt: z.string() }).openapi('AccountUser');
const Token = z.object({ id: z.string(), user: z.string(), scope: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable() }).openapi('ApiToken');
const AuditEntry = z.object({ id: z.string(), at: z.string(), actor: z.string(), action: z.string(), target: z.string(), details: z.unknown() }).openapi('AuditEntry');
const AddUserBody = z.object({ email: z.string().min(3).max(320), roles: z.array(z.string().min(1).max(100)).min(1).max(50), password: z.string().min(12).max(1000).optional() });
const TokenBody = z.object({ user: z.string().min(3).max(320), scope: z.enum(['read', 'run', 'admin']) });

/** Administration of the caller's tenant (the admin permission): users, API tokens, the audit log. */
export function registerAdminRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/admin/users', tags: ['admin'], summary: "The tenant's account users",
    responses: { 200: json(z.object({ users: z.array(User) }), 'the users'), ...errors(401, 403) },
  }), async (c) => c.json({ users: await listAccountUsers(context(c, ws)) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/admin/users', tags: ['admin'], summary: 'Add a user to the tenant (account roles and step roles; an optional password, stored as scrypt)',
    request: body(AddUserBody), responses: { 201: json(z.object({ user: z.unknown() }), 'the user'), ...errors(400, 401, 403, 409) },
  }), async (c) => {
    const ctx = context(c, ws);
    return c.json({ user: await addAccountUser(ctx, { tenant: ctx.actor!.tenantId, ...c.req.valid('json') }) }, 201);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/admin/tokens', tags: ['admin'], summary: "The tenant's API tokens (never the tokens themselves)",
    responses: { 200: json(z.object({ tokens: z.array(Token) }), 'the tokens'), ...errors(401, 403) },
  }), async (c) => c.json({ tokens: await listTenantTokens(context(c, ws)) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/admin/tokens', tags: ['admin'], summary: 'Create an API token for a user of the tenant; the token is shown once',
    request: body(TokenBody), responses: { 201: json(z.object({ id: z.string(), token: z.string(), scope: z.string(), user: z.string() }), 'the token, once'), ...errors(400, 401, 403, 404) },
  }), async (c) => {
    const ctx = context(c, ws);
    const made = await createToken(ctx, { tenant: ctx.actor!.tenantId, ...c.req.valid('json') });
    return c.json({ id: made.id, token: made.token, scope: made.scope, user: made.user }, 201);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/admin/tokens/{id}/revoke', tags: ['admin'], summary: 'Revoke a token (refused at once from then on)',
    request: { params: IdParam }, responses: { 200: json(z.object({ id: z.string(), revoked_at: z.string() }), 'the token, revoked'), ...errors(401, 403, 404) },
  }), async (c) => c.json(await revokeToken(context(c, ws), c.req.valid('param').id), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/admin/audit', tags: ['admin'], summary: "The tenant's audit log of administrative actions (`action` filters)",
    request: { query: z.object({ action: z.string().max(100).optional() }) },
    responses: { 200: json(z.object({ entries: z.array(AuditEntry) }), 'the entries, oldest first'), ...errors(401, 403) },
  }), async (c) => {
    const entries = await listAuditLog(context(c, ws), c.req.valid('query'));
    return c.json({ entries: entries.map(({ tenantId: _tenant, ...e }) => e) }, 200);
  });
}
