import type { JourneyEventRow, JourneyKeyRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, type ProcessContext } from '../process-os/tenant-actor.js';
import type { RateLimiter } from '../rate-limiter.js';

/** The largest body the collector reads, in bytes. */
export const MAX_JOURNEY_BODY_BYTES = 16 * 1024;
/** Events in one request at most. */
export const MAX_JOURNEY_EVENTS = 50;
/** How far back a client's event time may lie (a tab open for a week flushes late), and ahead (clock skew). */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
const MAX_SKEW_MS = 5 * 60_000;

const SESSION = /^[A-Za-z0-9_-]{8,64}$/;
const OUTCOME = /^[a-z][a-z0-9_]{0,31}$/;
const AGENT = /^[\x21-\x7e][\x20-\x7e]{0,63}$/;
const KEY = /^jk_[A-Za-z0-9_-]{10,64}$/;

export interface JourneyBeacon {
  /** The tenant's journey key (from the URL's `key`). */
  key: string | undefined;
  /** The request's Origin header, when a browser sent one. */
  origin?: string;
  /** The agent header's value: the session is an agent's. */
  agent?: string;
  /** The body as text (JSON; a beacon sends it as text/plain). */
  body: string;
  /** Events per journey key. */
  limiter: RateLimiter;
  /** Requests with an unknown or revoked key, per client (the server passes it). */
  unknownKeys?: UnknownKeyBudget;
  now?: Date;
}

/** Requests naming no key in use, counted per client (its connection address, in memory only): each costs a lookup. */
export interface UnknownKeyBudget { limiter: RateLimiter; client: string }

/**
 * The collector: stores the steps of one session sent with a journey key — `{ session, events:
 * [{ step, at?, outcome? }] }` or one event `{ session, step, at?, outcome? }`. The key routes the
 * events to its tenant; a key with origins refuses other sites' pages (not_authorised); each key has
 * an event budget (rate_limited with `retryAfterSeconds`), and so has each client for requests with
 * an unknown or revoked key (`unknownKeys`). Nothing about the sender is stored
 * beyond the session id it made up and the agent name it declared. Refusals store nothing.
 */
export async function recordJourneyEvents(ctx: Pick<ProcessContext, 'store'>, beacon: JourneyBeacon): Promise<{ accepted: number }> {
  const now = beacon.now ?? new Date();
  const parsed = parseBeacon(beacon.body, now);
  const agent = beacon.agent?.trim();
  if (agent !== undefined && !AGENT.test(agent)) throw new ServiceError('invalid_request', 'the agent header: a name of 1 to 64 printable characters', { field: 'agent' });
  const key = await allowedKey(ctx, beacon.key, beacon.origin, beacon.unknownKeys, now.getTime());
  const wait = beacon.limiter.take(key.key, parsed.events.length, now.getTime());
  if (wait > 0) throw new ServiceError('rate_limited', `this journey key sent too many events; try again in ${wait} s`, { retryAfterSeconds: wait });
  const rows: JourneyEventRow[] = parsed.events.map((e) => ({
    id: createId('je', now), tenantId: key.tenantId, sessionId: parsed.session, step: e.step, at: e.at, outcome: e.outcome ?? null,
    agent: agent === undefined || agent === '' ? null : agent, receivedAt: now.toISOString(),
  }));
  await serviceCall(() => recordsOf(ctx.store).journeys.insertEvents(rows));
  return { accepted: rows.length };
}

/**
 * The key's row when it exists, is not revoked and lets this origin send (no Origin header: a
 * server-side client, allowed); not_found / not_authorised otherwise. With `unknownKeys`, each
 * not_found spends the client's budget, and a client that spent it is rate_limited before any lookup.
 */
export async function allowedKey(ctx: Pick<ProcessContext, 'store'>, key: string | undefined, origin: string | undefined, unknownKeys?: UnknownKeyBudget, nowMs = Date.now()): Promise<JourneyKeyRow> {
  if (key === undefined || !KEY.test(key)) throw new ServiceError('invalid_request', 'give the journey key in the URL: /api/journeys/events?key=jk_…', { field: 'key' });
  const wait = unknownKeys?.limiter.wait(unknownKeys.client, nowMs) ?? 0;
  if (wait > 0) throw new ServiceError('rate_limited', `too many requests with unknown journey keys from this client; try again in ${wait} s`, { retryAfterSeconds: wait });
  const row = await serviceCall(() => recordsOf(ctx.store).journeys.findKey(key));
  if (row === undefined || row.revokedAt !== null) {
    unknownKeys?.limiter.take(unknownKeys.client, 1, nowMs);
    throw new ServiceError('not_found', 'no such journey key');
  }
  if (origin !== undefined && row.origins.length > 0 && !row.origins.includes(origin)) {
    throw new ServiceError('not_authorised', `this journey key does not accept events from ${origin}`, { origin });
  }
  return row;
}

interface ParsedBeacon { session: string; events: { step: string; at: string; outcome?: string }[] }

function parseBeacon(body: string, now: Date): ParsedBeacon {
  if (Buffer.byteLength(body) > MAX_JOURNEY_BODY_BYTES) throw new ServiceError('too_large', `the body is larger than ${MAX_JOURNEY_BODY_BYTES} bytes`, { maxBytes: MAX_JOURNEY_BODY_BYTES });
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (error) {
    throw new ServiceError('invalid_request', `the body is not JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ServiceError('invalid_request', 'send { session, events: [{ step, at?, outcome? }] }');
  const record = data as Record<string, unknown>;
  const session = record.session;
  if (typeof session !== 'string' || !SESSION.test(session)) throw new ServiceError('invalid_request', 'session: a random id of 8 to 64 letters, digits, - or _', { field: 'session' });
  const list = Array.isArray(record.events) ? record.events : record.step !== undefined ? [record] : undefined;
  if (list === undefined || list.length === 0 || list.length > MAX_JOURNEY_EVENTS) {
    throw new ServiceError('invalid_request', `events: 1 to ${MAX_JOURNEY_EVENTS} steps`, { field: 'events' });
  }
  return { session, events: list.map((e, i) => parseEvent(e, i, now)) };
}

function parseEvent(value: unknown, index: number, now: Date): ParsedBeacon['events'][number] {
  const field = `events[${index}]`;
  if (typeof value !== 'object' || value === null) throw new ServiceError('invalid_request', `${field}: an object { step, at?, outcome? }`, { field });
  const e = value as Record<string, unknown>;
  const step = typeof e.step === 'string' ? e.step.trim() : '';
  if (step === '' || step.length > 200) throw new ServiceError('invalid_request', `${field}.step: a page or step name of 1 to 200 characters`, { field: `${field}.step` });
  let at = now;
  if (e.at !== undefined) {
    at = new Date(typeof e.at === 'number' || typeof e.at === 'string' ? e.at : Number.NaN);
    const age = now.getTime() - at.getTime();
    if (Number.isNaN(age) || age > MAX_AGE_MS || age < -MAX_SKEW_MS) {
      throw new ServiceError('invalid_request', `${field}.at: an ISO-8601 time or epoch milliseconds within the last 7 days`, { field: `${field}.at` });
    }
  }
  if (e.outcome !== undefined && (typeof e.outcome !== 'string' || !OUTCOME.test(e.outcome))) {
    throw new ServiceError('invalid_request', `${field}.outcome: a word such as "converted"`, { field: `${field}.outcome` });
  }
  return { step, at: at.toISOString(), ...(typeof e.outcome === 'string' ? { outcome: e.outcome } : {}) };
}
