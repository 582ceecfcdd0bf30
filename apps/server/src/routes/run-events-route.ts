import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { readRunEvents, ServiceError, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import type { ChangeFeed } from '../change-feed.js';
import { IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';
import { createWakeup } from './create-wakeup.js';
import { HEARTBEAT } from './event-stream.js';
import { sseText } from './sse-text.js';
import { errors } from './openapi-responses.js';

export interface RunEventsOptions {
  /** How often the server's one change feed polls while anyone listens; default 250 ms. */
  pollMs?: number;
  /** A comment line keeps idle connections open; default every 15 s. */
  heartbeatMs?: number;
  /**
   * The most bytes a tenant stream may have waiting for a client that does not read; past it the stream
   * is closed (the client resumes with Last-Event-ID), so a stalled client cannot grow the server's memory.
   * Default 4 MiB.
   */
  maxBacklogBytes?: number;
}

/** Pure; the resume point of a stream: Last-Event-ID over `?after`, else 0; 400 when it is no whole number. */
export function resumePoint(header: string | undefined, after: number | undefined): number {
  const resume = header === undefined ? after ?? 0 : Number(header);
  if (!Number.isInteger(resume) || resume < 0) throw new ServiceError('invalid_request', 'Last-Event-ID is the id of the last event received', { field: 'Last-Event-ID' });
  return resume;
}

/**
 * `GET /api/runs/:id/events`: the run's events as server-sent events (`id` = the event's seq,
 * `event` = its type, `data` = `{ seq, type, at, data }`), from the start or after `Last-Event-ID`
 * (or `?after=SEQ`), then each new one as the server's shared change feed sees it (the stream reads
 * the store only when its run moved), heartbeats while idle, and a final `end` event `{ status }`
 * once the run has finished. The tenant check happens before the stream opens.
 */
export function registerRunEventsRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace, feed: ChangeFeed, options: RunEventsOptions = {}): void {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}/events', tags: ['runs'], summary: "A run's events as server-sent events (Last-Event-ID resumes)",
    request: { params: IdParam, query: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    responses: {
      200: { description: 'text/event-stream of the run events, then `end`', content: { 'text/event-stream': { schema: z.string() } } },
      ...errors(400, 401, 403, 404),
    },
  }), async (c) => {
    const ctx = context(c, ws);
    const runId = c.req.valid('param').id;
    let seq = resumePoint(c.req.header('last-event-id'), c.req.valid('query').after);
    const wakeup = createWakeup();
    // Listen before the first read, so nothing stored between the read and the next change is missed.
    const unsubscribe = feed.subscribe((change) => { if (change.runId === runId) wakeup.wake(); });
    let read: Awaited<ReturnType<typeof readRunEvents>>;
    try {
      await feed.ready();
      read = await readRunEvents(ctx, runId, seq);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => { wakeup.wake(); });
      try {
        for (;;) {
          // A revoked token or an ended session ends the stream before anything more of the run goes out.
          if (!await c.get('stillAuthenticated')()) return;
          // The events read at once go out as one chunk.
          if (read.events.length > 0) {
            await stream.write(read.events.map((event) => sseText(String(event.seq), event.type, JSON.stringify(event))).join(''));
            seq = read.events.at(-1)!.seq;
          }
          if (read.finished) {
            await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: read.status }) });
            return;
          }
          if (stream.aborted) return;
          if (!await wakeup.wait(heartbeatMs)) {
            // An idle stream checks too: a revoked token gets no more heartbeats.
            if (!await c.get('stillAuthenticated')()) return;
            await stream.write(HEARTBEAT);
          }
          if (stream.aborted) return;
          read = await readRunEvents(ctx, runId, seq);
        }
      } finally {
        unsubscribe();
      }
    });
  });
}
