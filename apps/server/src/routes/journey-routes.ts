import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { allowedKey, createRateLimiter, MAX_JOURNEY_BODY_BYTES, recordJourneyEvents, ServiceError, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { clientAddress } from '../client-address.js';
import { JOURNEY_SCRIPT } from '../journey/journey-script.js';

export interface JourneyOptions {
  /** Events one journey key may send per minute (a burst up to the same number); default 600. */
  eventsPerMinute?: number;
  /** Requests with an unknown or revoked key one client (connection address) may send per minute; default 30. */
  unknownKeysPerMinute?: number;
}

/** The collector's path: public (no token, no cookie), any body type a beacon sends. */
export const JOURNEY_EVENTS_PATH = '/api/journeys/events';

/** The header an agent sends to mark its session as an agent's (its value: the agent's name). */
export const AGENT_HEADER = 'sopflow-agent';

/**
 * Journey tracking: `POST /api/journeys/events?key=jk_…` (the collector: a JSON body sent as
 * text/plain by `navigator.sendBeacon` or as application/json; no cookie read or set, the
 * client's address never stored; 16 KiB at most; a per-key event budget, and a per-client budget of
 * requests with unknown keys, counted in memory by connection address), its CORS preflight
 * (origins are the journey key's), and `GET /journey.js`, the script a site embeds.
 */
export function registerJourneyRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, options: JourneyOptions = {}): void {
  const limiter = createRateLimiter(options.eventsPerMinute ?? 600);
  const unknownKeyLimiter = createRateLimiter(options.unknownKeysPerMinute ?? 30);
  const unknownKeys = (c: Context) => ({ limiter: unknownKeyLimiter, client: clientAddress(c) });
  const ctx = { store: ws.store };
  const limit = bodyLimit({ maxSize: MAX_JOURNEY_BODY_BYTES, onError: () => { throw new ServiceError('too_large', `the body is larger than ${MAX_JOURNEY_BODY_BYTES} bytes`, { maxBytes: MAX_JOURNEY_BODY_BYTES }); } });

  app.options(JOURNEY_EVENTS_PATH, async (c) => {
    const origin = c.req.header('origin');
    await allowedKey(ctx, c.req.query('key'), origin, unknownKeys(c));
    return c.body(null, 204, {
      ...corsHeaders(origin), 'access-control-allow-methods': 'POST', 'access-control-allow-headers': `content-type, ${AGENT_HEADER}`, 'access-control-max-age': '600',
    });
  });
  app.post(JOURNEY_EVENTS_PATH, limit, async (c) => {
    const origin = c.req.header('origin');
    const agent = c.req.header(AGENT_HEADER);
    const result = await recordJourneyEvents(ctx, {
      key: c.req.query('key'), body: await c.req.text(), limiter, unknownKeys: unknownKeys(c), ...(origin === undefined ? {} : { origin }), ...(agent === undefined ? {} : { agent }),
    });
    return c.json(result, 202, corsHeaders(origin));
  });
  app.get('/journey.js', (c: Context<ServerEnv>) => c.body(JOURNEY_SCRIPT, 200, {
    'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*',
  }));

  app.openAPIRegistry.registerPath({
    method: 'post', path: JOURNEY_EVENTS_PATH, tags: ['journeys'], security: [],
    summary: 'Record steps of a visitor session (public; a beacon body as text/plain JSON: { session, events: [{ step, at?, outcome? }] }; header Sopflow-Agent marks an agent)',
    responses: { 202: { description: '{ accepted }: the number of steps stored' }, 400: { description: 'bad body or key' }, 403: { description: 'origin not allowed for this key' }, 404: { description: 'unknown or revoked key' }, 413: { description: 'over 16 KiB' }, 429: { description: 'the key sent too many events, or this client too many requests with unknown keys' } },
  });
}

/** The CORS answer for a browser origin the key accepts (checked before): the origin itself, never credentials. */
function corsHeaders(origin: string | undefined): Record<string, string> {
  return origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'origin' };
}
