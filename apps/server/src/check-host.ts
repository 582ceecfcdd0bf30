import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ServiceError } from '@sopflow/service';
import { SESSION_COOKIE, type ServerEnv } from './authenticate-request.js';

/** The names a server bound to a loopback address answers to by default. */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** True for an address only this machine reaches (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * DNS rebinding: a page of another site whose name the attacker points at 127.0.0.1 reaches the
 * server with that name in `Host`. Cookie sessions (and signing in, which starts one) are refused
 * with 403 (`details.reason: "host"`) unless `Host` names one of `allowed` (hostnames, any port).
 * Bearer tokens are never sent by a browser on its own and the public routes need no session, so
 * both pass whatever the name.
 */
export function checkHost(allowed: readonly string[]): MiddlewareHandler<ServerEnv> {
  const names = new Set(allowed.map((h) => h.toLowerCase()));
  return async (c, next) => {
    const usesSession = c.req.path === '/api/auth/login' || (c.req.header('authorization') === undefined && getCookie(c, SESSION_COOKIE) !== undefined);
    if (!usesSession) return next();
    // Parsed only for a session: a bearer request (most of the traffic) builds no URL here.
    const host = new URL(c.req.url).hostname.toLowerCase();
    if (!names.has(host)) {
      throw new ServiceError('not_authorised', `this server does not answer to the name ${host} for a session (start it with --allowed-host ${host} if that is its name)`, { reason: 'host', host });
    }
    return next();
  };
}
