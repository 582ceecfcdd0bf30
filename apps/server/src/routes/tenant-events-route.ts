import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { requirePermission, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import type { Change, ChangeFeed } from '../change-feed.js';
import { HEARTBEAT, openEventStream } from './event-stream.js';
import { sseText } from './sse-text.js';
import { errors } from './openapi-responses.js';
import { resumePoint, type RunEventsOptions } from './run-events-route.js';

/**
 * `GET /api/events`: the tenant's changes as server-sent events — every event stored for any of its
 * runs (`id` = the server's change id, `event` = the event type, `data` = `{ runId, sopId, seq, type,
 * at, status, data }`), from the one shared change feed. `Last-Event-ID` resumes from the changes the
 * server still keeps; when they are gone (or the id is another server's) the stream first sends
 * `event: reset` (reload what you show), then goes on live. Heartbeats while idle.
 */
export function registerTenantEventsRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace, feed: ChangeFeed, options: RunEventsOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // A change's SSE text is the same for every stream of its tenant: made once, however many streams send it.
  const texts = new WeakMap<Change, string>();
  const textOf = (change: Change): string => {
    let text = texts.get(change);
    if (text === undefined) {
      const { id, tenantId: _tenant, ...data } = change;
      text = sseText(String(id), change.type, JSON.stringify(data));
      texts.set(change, text);
    }
    return text;
  };
  app.openapi(createRoute({
    method: 'get', path: '/api/events', tags: ['events'], summary: "The tenant's changes as server-sent events (Last-Event-ID resumes; `reset` when it cannot)",
    request: { query: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    responses: { 200: { description: 'text/event-stream of changes', content: { 'text/event-stream': { schema: z.string() } } }, ...errors(400, 401, 403) },
  }), async (c) => {
    const actor = requirePermission({ store: ws.store, actor: c.get('actor') }, 'sops.read');
    const header = c.req.header('last-event-id');
    const after = c.req.valid('query').after;
    const resume = header === undefined && after === undefined ? undefined : resumePoint(header, after);
    // Changes that come before the stream is open wait here; after, each goes straight to the stream.
    const early: Change[] = [];
    let send: ((change: Change) => void) | undefined;
    const unsubscribe = feed.subscribe((change) => {
      if (change.tenantId !== actor.tenantId) return;
      if (send === undefined) early.push(change);
      else send(change);
    });
    let replay: Change[] | undefined;
    try {
      replay = resume === undefined ? [] : feed.since(resume);
      // The first poll of a fresh feed only takes the heads; changes after it reach this stream.
      await feed.ready();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    // Each chunk and each heartbeat goes out only while the caller still authenticates, in order: a revoked token or an ended session ends the stream, idle or not.
    const stillAuthenticated = c.get('stillAuthenticated');
    let writing = Promise.resolve();
    const queue = (text: string): void => {
      writing = writing.then(async () => {
        if (await stillAuthenticated()) stream.write(text);
        else stream.end();
      });
    };
    const stream = openEventStream(c, heartbeatMs, () => queue(HEARTBEAT), unsubscribe, options.maxBacklogBytes);
    if (replay === undefined) stream.write(sseText(undefined, 'reset', JSON.stringify({ reason: 'the changes after that id are no longer kept; reload and go on from here' })));
    stream.write(sseText(undefined, 'ready', JSON.stringify({ lastId: feed.stats().lastId })));
    // The changes of one read go to the socket as one write, after the feed has handed them all out (a run's burst is one write per stream, not one per event).
    let last = resume ?? 0;
    let chunk = '';
    const flush = (): void => {
      const text = chunk;
      chunk = '';
      queue(text);
    };
    send = (change) => {
      if (change.id <= last) return;
      last = change.id;
      if (chunk === '') queueMicrotask(flush);
      chunk += textOf(change);
    };
    for (const change of [...(replay ?? []), ...early]) send(change);
    return stream.response;
  });
}
