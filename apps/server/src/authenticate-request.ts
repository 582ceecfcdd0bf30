import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { authenticateSession, authenticateToken, ServiceError, type TenantActor, type Workspace } from '@sopflow/service';

/** The session cookie's name (HttpOnly, SameSite=Lax, Path=/). */
export const SESSION_COOKIE = 'sopflow_session';
/** The header a cookie session sends its CSRF token in on every state change. */
export const CSRF_HEADER = 'x-csrf-token';

export interface ServerEnv {
  Variables: { actor: TenantActor; csrfToken: string | null; sessionId: string | null };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who calls: a bearer token (`Authorization: Bearer sfk_…`), else the session cookie. Neither, or
 * a bad one: 401. A cookie session changing state (POST, PUT, PATCH, DELETE) must send its CSRF
 * token in `x-csrf-token` (403 otherwise); bearer tokens are not sent by browsers on their own, so need none.
 */
export function authenticateRequest(ws: Workspace): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (match === null) throw new ServiceError('unauthenticated', 'the Authorization header is not "Bearer TOKEN"');
      c.set('actor', await authenticateToken(ws.store, match[1]!));
      c.set('csrfToken', null);
      c.set('sessionId', null);
      return next();
    }
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId === undefined || sessionId === '') throw new ServiceError('unauthenticated', 'sign in (POST /api/auth/login) or send "Authorization: Bearer TOKEN"');
    const session = await authenticateSession(ws.store, sessionId);
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(c, session.csrfToken)) {
      throw new ServiceError('not_authorised', `a change made with a session cookie needs its CSRF token in the ${CSRF_HEADER} header`, { reason: 'csrf' });
    }
    c.set('actor', session.actor);
    c.set('csrfToken', session.csrfToken);
    c.set('sessionId', sessionId);
    return next();
  };
}

function csrfMatches(c: Context, expected: string): boolean {
  const given = c.req.header(CSRF_HEADER);
  return given !== undefined && given.length === expected.length && Buffer.from(given).equals(Buffer.from(expected));
}
