import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findTenant, login, logout, type LoginLimiter, type TenantActor, type Workspace } from '@sopflow/service';
import { SESSION_COOKIE, type ServerEnv } from '../authenticate-request.js';
import { clientAddress } from '../client-address.js';
import { LoginBody, Me } from '../api-schemas.js';
import { errors, json } from './openapi-responses.js';


/** Sign-in (sets the HttpOnly, SameSite=Lax session cookie and returns the CSRF token), sign-out, and who am I (with whether this server is a hub). */
export function registerAuthRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, limiter: LoginLimiter, server: { hub: boolean }): void {
  app.openapi(createRoute({
    method: 'post', path: '/api/auth/login', tags: ['auth'], summary: 'Sign in with email and password (rate-limited)', security: [],
    request: { body: { required: true, content: { 'application/json': { schema: LoginBody } } } },
    responses: { 200: json(Me, 'signed in: the session cookie is set; send csrfToken in x-csrf-token on changes'), ...errors(400, 401, 429) },
  }), async (c) => {
    const { email, password } = c.req.valid('json');
    const client = clientAddress(c);
    const session = await login(ws.store, limiter, { email, password, client });
    // The tenant is read before the cookie is set, and a failed read ends the session: an error never leaves the client signed in.
    const me = await whoIs(session.actor).catch(async (error: unknown) => {
      await logout(ws.store, session.sessionId);
      throw error;
    });
    setCookie(c, SESSION_COOKIE, session.sessionId, {
      httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:', expires: new Date(session.expiresAt),
    });
    return c.json({ ...me, csrfToken: session.csrfToken, hub: server.hub }, 200);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/auth/logout', tags: ['auth'], summary: 'Sign out (ends the session)',
    responses: { 200: json(z.object({ ok: z.boolean() }), 'signed out'), ...errors(401, 403) },
  }), async (c) => {
    const sessionId = c.get('sessionId') ?? getCookie(c, 'sopflow_session');
    if (sessionId !== null && sessionId !== undefined) await logout(ws.store, sessionId);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/auth/me', tags: ['auth'], summary: 'Who the caller is (and the session CSRF token)',
    responses: { 200: json(Me, 'the caller'), ...errors(401) },
  }), async (c) => {
    return c.json({ ...await whoIs(c.get('actor')), csrfToken: c.get('csrfToken'), hub: server.hub }, 200);
  });

  /** The caller as sign-in and who-am-I show them, with their tenant's name (one read of the tenant). */
  async function whoIs(a: TenantActor) {
    const tenant = await findTenant({ store: ws.store }, a.tenantId);
    return { user: { email: a.email, tenantId: a.tenantId, tenantName: tenant.name, roles: a.roles as string[], accountRoles: a.accountRoles, via: a.via } };
  }
}
