import { hash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { authenticateSession, authenticateToken, cacheVersionsOf, ServiceError, type TenantActor, type Workspace } from '@sopflow/service';
import { createVersionedCache } from './versioned-cache.js';
import type { TrustedProxies } from './client-address.js';

/** The session cookie's name (HttpOnly, SameSite=Lax, Path=/). */
export const SESSION_COOKIE = 'sopflow_session';
/** The header a cookie session sends its CSRF token in on every state change. */
export const CSRF_HEADER = 'x-csrf-token';

export interface ServerEnv {
  /** `trustedProxies`: set only when some are trusted (client-address.ts). */
  Variables: { actor: TenantActor; csrfToken: string | null; sessionId: string | null; trustedProxies: TrustedProxies | undefined; stillAuthenticated: () => Promise<boolean> };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How long this process trusts a token or session it looked up, and how many it keeps. */
export interface CallerCacheOptions {
  /**
   * Default 60,000 ms; 0 looks every caller up in the store. A kept caller is served only while the store's
   * credentials version (cacheVersionsOf) is the one it was looked up at: a revoke, sign-out, role or user
   * change by any process applies to the next request (SQLite: always; PostgreSQL: once its NOTIFY has
   * arrived — until the listener is connected nothing is kept). The time bounds how long a token's last use
   * may go unrecorded (written at most once a minute) and covers a LISTEN connection lost without notice.
   */
  ttlMs?: number;
  /** Default 10,000 callers; past it the oldest goes first. */
  max?: number;
  /** The clock of every expiry and last-use check (default Date.now); tests move it. */
  now?: () => number;
}

interface Caller { actor: TenantActor; csrfToken: string | null; expiresAtMs: number }

/**
 * Who calls: a bearer token (`Authorization: Bearer sfk_…`), else the session cookie. Neither, or
 * a bad one: 401. A cookie session changing state (POST, PUT, PATCH, DELETE) must send its CSRF
 * token in `x-csrf-token` (403 otherwise); bearer tokens are not sent by browsers on their own, so need none.
 * Callers are kept per process, tagged with the store's credentials version (CallerCacheOptions).
 */
export function authenticateRequest(ws: Workspace, options: CallerCacheOptions = {}): MiddlewareHandler<ServerEnv> {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  const callers = createVersionedCache<Caller>({ ttlMs, max: options.max ?? 10_000, now });
  const versions = cacheVersionsOf(ws.store);
  // Kept by the secret's SHA-256 (never the secret); a refused one is never kept, so a revoke is seen by the next lookup.
  const lookUp = async (kind: string, secret: string, load: () => Promise<Caller>): Promise<Caller> => {
    if (ttlMs <= 0) return load();
    const key = `${kind}:${hash('sha256', secret, 'hex')}`;
    const caller = await callers.get(key, versions.credentials(), load);
    if (now() < caller.expiresAtMs) return caller;
    // A kept session that has expired since: look it up again (refused now).
    callers.delete(key);
    return load();
  };
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (match === null) throw new ServiceError('unauthenticated', 'the Authorization header is not "Bearer TOKEN"');
      const token = match[1]!;
      const load = async (): Promise<Caller> => ({ actor: frozen(await authenticateToken(ws.store, token, new Date(now()))), csrfToken: null, expiresAtMs: Infinity });
      c.set('actor', (await lookUp('token', token, load)).actor);
      c.set('stillAuthenticated', () => stillValid(lookUp('token', token, load)));
      c.set('csrfToken', null);
      c.set('sessionId', null);
      return next();
    }
    const sessionId = getCookie(c, SESSION_COOKIE);
    if (sessionId === undefined || sessionId === '') throw new ServiceError('unauthenticated', 'sign in (POST /api/auth/login) or send "Authorization: Bearer TOKEN"');
    const load = async (): Promise<Caller> => {
      // The cache's clock decides expiry both ways: a reload must refuse what the kept entry stopped serving.
      const found = await authenticateSession(ws.store, sessionId, new Date(now()));
      return { actor: frozen(found.actor), csrfToken: found.csrfToken, expiresAtMs: Date.parse(found.expiresAt) };
    };
    const session = await lookUp('session', sessionId, load);
    if (!SAFE_METHODS.has(c.req.method) && !csrfMatches(c, session.csrfToken!)) {
      throw new ServiceError('not_authorised', `a change made with a session cookie needs its CSRF token in the ${CSRF_HEADER} header`, { reason: 'csrf' });
    }
    c.set('actor', session.actor);
    c.set('csrfToken', session.csrfToken);
    c.set('sessionId', sessionId);
    c.set('stillAuthenticated', () => stillValid(lookUp('session', sessionId, load)));
    return next();
  };
}

/** False once the caller's token or session no longer authenticates (revoked, signed out, expired, user removed) or the store cannot say. */
async function stillValid(lookUp: Promise<Caller>): Promise<boolean> {
  try {
    await lookUp;
    return true;
  } catch {
    return false;
  }
}

function csrfMatches(c: Context, expected: string): boolean {
  const given = c.req.header(CSRF_HEADER);
  return given !== undefined && given.length === expected.length && Buffer.from(given).equals(Buffer.from(expected));
}

/** One actor serves many requests: none of them may change it. */
function frozen(actor: TenantActor): TenantActor {
  for (const value of Object.values(actor)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(actor);
}
