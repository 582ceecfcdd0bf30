import { randomBytes } from 'node:crypto';
import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { hashSecret } from './api-tokens.js';
import { accountActor } from './authenticate.js';
import { verifyPassword } from './password-hash.js';
import { recordsOf, type TenantActor } from './tenant-actor.js';
import { writeCredentials } from './change-counters.js';
import { createId } from './create-id.js';

/** Counts failed sign-ins per key (email, client address) in a sliding window. */
export interface LoginLimiter {
  /** Seconds to wait before the next try under any of these keys is allowed, or 0. */
  retryAfter(keys: readonly string[], now: number): Promise<number>;
  fail(keys: readonly string[], now: number): Promise<void>;
  reset(keys: readonly string[]): Promise<void>;
}

/** How many failed sign-ins a key may have within the window (default 5 per 15 minutes). */
export interface LoginLimit { maxFailures?: number; windowMs?: number }

/**
 * A limiter kept in the store (table `login_failures`), so every server on one database counts
 * the same failures; keys are stored only as SHA-256. Each failure also deletes the ones that
 * have left the window.
 */
export function createLoginLimiter(store: RunStore, limit: LoginLimit = {}): LoginLimiter {
  const max = limit.maxFailures ?? 5;
  const windowMs = limit.windowMs ?? 15 * 60_000;
  const failures = () => recordsOf(store).loginFailures;
  const hashed = (keys: readonly string[]) => keys.map(hashSecret);
  return {
    async retryAfter(keys, now) {
      const recent = await serviceCall(() => failures().recent(hashed(keys), now - windowMs + 1));
      const waits = recent.filter((r) => r.count >= max).map((r) => Math.ceil((r.oldest + windowMs - now) / 1000));
      return Math.max(0, ...waits);
    },
    async fail(keys, now) {
      await serviceCall(() => failures().fail(hashed(keys), now));
      await serviceCall(() => failures().prune(now - windowMs));
    },
    async reset(keys) {
      await serviceCall(() => failures().clear(hashed(keys)));
    },
  };
}

export interface LoginResult { sessionId: string; csrfToken: string; expiresAt: string; actor: TenantActor }

const SESSION_MS = 12 * 60 * 60_000;
const WRONG = 'the email or password is wrong';

/**
 * Signs a user in with email and password (scrypt): returns a new session id (kept only as its
 * SHA-256) and its CSRF token. Failures are counted per email and per client; past the limit the
 * answer is rate_limited with `retryAfterSeconds`, whether or not the password is right (the failure that locks an
 * account is recorded in its tenant's admin log as `session.locked`). Every
 * sign-in also deletes the sessions that have expired (they are never read again).
 */
export async function login(store: RunStore, limiter: LoginLimiter, input: { email: string; password: string; client?: string }): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const keys = [`email:${email}`, ...(input.client === undefined ? [] : [`client:${input.client}`])];
  const now = Date.now();
  const wait = await limiter.retryAfter(keys, now);
  if (wait > 0) throw new ServiceError('rate_limited', `too many failed sign-ins; try again in ${wait} s`, { retryAfterSeconds: wait });
  const records = recordsOf(store);
  const account = await serviceCall(() => records.accounts.findAccountByEmail(email));
  const ok = account !== undefined && account.passwordHash !== null && await verifyPassword(input.password, account.passwordHash);
  if (!ok || account === undefined) {
    await limiter.fail(keys, now);
    // The failure that locks an account's sign-in goes in its tenant's admin log: once per lockout, never the password or the client.
    if (account !== undefined && await limiter.retryAfter(keys, now) > 0) {
      await serviceCall(() => records.audit.record({
        id: createId('au', new Date(now)), tenantId: account.tenantId, at: new Date(now).toISOString(), actor: 'anonymous', action: 'session.locked', target: email, details: null,
      }));
    }
    throw new ServiceError('unauthenticated', WRONG);
  }
  await limiter.reset(keys);
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
  await writeCredentials(store, () => recordsOf(store).accounts.deleteSession(hashSecret(sessionId)));
}
