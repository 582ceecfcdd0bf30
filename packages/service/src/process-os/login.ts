import { randomBytes } from 'node:crypto';
import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { hashSecret } from './api-tokens.js';
import { accountActor } from './authenticate.js';
import { verifyPassword } from './password-hash.js';
import { recordsOf, type TenantActor } from './tenant-actor.js';

/** Counts failed sign-ins per key (email, client address) in a sliding window; an adapter keeps one per process. */
export interface LoginLimiter {
  /** Seconds to wait before the next try is allowed, or 0. */
  retryAfter(key: string, now: number): number;
  fail(key: string, now: number): void;
  reset(key: string): void;
}

/** A limiter allowing `max` failures per key within `windowMs` (default 5 per 15 minutes). */
export function createLoginLimiter(max = 5, windowMs = 15 * 60_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((t) => now - t < windowMs);
  return {
    retryAfter(key, now) {
      const times = recent(key, now);
      failures.set(key, times);
      return times.length < max ? 0 : Math.ceil((times[0]! + windowMs - now) / 1000);
    },
    fail(key, now) {
      failures.set(key, [...recent(key, now), now]);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}

export interface LoginResult { sessionId: string; csrfToken: string; expiresAt: string; actor: TenantActor }

const SESSION_MS = 12 * 60 * 60_000;
const WRONG = 'the email or password is wrong';

/**
 * Signs a user in with email and password (scrypt): returns a new session id (kept only as its
 * SHA-256) and its CSRF token. Failures are counted per email and per client; past the limit the
 * answer is rate_limited with `retryAfterSeconds`, whether or not the password is right. Every
 * sign-in also deletes the sessions that have expired (they are never read again).
 */
export async function login(store: RunStore, limiter: LoginLimiter, input: { email: string; password: string; client?: string }): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.client === undefined ? [] : [`client:${input.client}`])];
  const now = Date.now();
  const wait = Math.max(...keys.map((key) => limiter.retryAfter(key, now)));
  if (wait > 0) throw new ServiceError('rate_limited', `too many failed sign-ins; try again in ${wait} s`, { retryAfterSeconds: wait });
  const records = recordsOf(store);
  const account = await serviceCall(() => records.accounts.findAccountByEmail(email));
  const ok = account !== undefined && account.passwordHash !== null && await verifyPassword(input.password, account.passwordHash);
  if (!ok || account === undefined) {
    for (const key of keys) limiter.fail(key, now);
    throw new ServiceError('unauthenticated', WRONG);
  }
  for (const key of keys) limiter.reset(key);
  const actor = await accountActor(store, account.tenantId, account.userName, 'session');
  const sessionId = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now + SESSION_MS).toISOString();
  await serviceCall(() => records.accounts.deleteExpiredSessions(new Date(now).toISOString()));
  await serviceCall(() => records.accounts.insertSession({
    idHash: hashSecret(sessionId), tenantId: account.tenantId, userName: account.userName, csrfToken, createdAt: new Date(now).toISOString(), expiresAt,
  }));
  return { sessionId, csrfToken, expiresAt, actor };
}

/** Ends a session (an unknown id is fine: the result is the same). */
export async function logout(store: RunStore, sessionId: string): Promise<void> {
  await serviceCall(() => recordsOf(store).accounts.deleteSession(hashSecret(sessionId)));
}
