import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { requirePermission, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import type { Change, ChangeFeed } from '../change-feed.js';
import { createWakeup } from './create-wakeup.js';
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
    const queue: Change[] = [];
    const wakeup = createWakeup();
    const unsubscribe = feed.subscribe((change) => {
      if (change.tenantId !== actor.tenantId) return;
      queue.push(change);
      wakeup.wake();
    });
    const replay = resume === undefined ? [] : feed.since(resume);
    // The first poll of a fresh feed only takes the heads; changes after it reach this stream.
    await feed.ready();
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => { wakeup.wake(); });
      let last = resume ?? 0;
      try {
        if (replay === undefined) {
          await stream.writeSSE({ event: 'reset', data: JSON.stringify({ reason: 'the changes after that id are no longer kept; reload and go on from here' }) });
        } else {
          queue.unshift(...replay.filter((c) => c.tenantId === actor.tenantId));
        }
        await stream.writeSSE({ event: 'ready', data: JSON.stringify({ lastId: feed.stats().lastId }) });
        for (;;) {
          // Everything queued since the last write goes out as one chunk (a run's burst is one write per stream, not one per event).
          while (queue.length > 0) {
            let chunk = '';
            for (const change of queue.splice(0)) {
              if (change.id <= last) continue;
              last = change.id;
              chunk += textOf(change);
            }
            if (chunk !== '') await stream.write(chunk);
          }
          if (stream.aborted) return;
          if (!await wakeup.wait(heartbeatMs)) await stream.write(': heartbeat\n\n');
          if (stream.aborted) return;
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
