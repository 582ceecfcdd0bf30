import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { readRunEvents, ServiceError, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { ErrorBody, IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';

export interface RunEventsOptions {
  /** How often a stream looks for new events; default 250 ms. */
  pollMs?: number;
  /** A comment line keeps idle connections open; default every 15 s. */
  heartbeatMs?: number;
}

/**
 * `GET /api/runs/:id/events`: the run's events as server-sent events (`id` = the event's seq,
 * `event` = its type, `data` = `{ seq, type, at, data }`), from the start or after `Last-Event-ID`
 * (or `?after=SEQ`), then each new one as it is stored, heartbeats while idle, and a final `end`
 * event `{ status }` once the run has finished. The tenant check happens before the stream opens.
 */
export function registerRunEventsRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace, options: RunEventsOptions = {}): void {
  const pollMs = options.pollMs ?? 250;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}/events', tags: ['runs'], summary: "A run's events as server-sent events (Last-Event-ID resumes)",
    request: { params: IdParam, query: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    responses: {
      200: { description: 'text/event-stream of the run events, then `end`', content: { 'text/event-stream': { schema: z.string() } } },
      401: { description: 'error', content: { 'application/json': { schema: ErrorBody } } },
      404: { description: 'error', content: { 'application/json': { schema: ErrorBody } } },
    },
  }), async (c) => {
    const ctx = context(c, ws);
    const runId = c.req.valid('param').id;
    const header = c.req.header('last-event-id');
    const resume = header === undefined ? c.req.valid('query').after ?? 0 : Number(header);
    if (!Number.isInteger(resume) || resume < 0) throw new ServiceError('invalid_request', 'Last-Event-ID is the seq of the last event received', { field: 'Last-Event-ID' });
    let read = await readRunEvents(ctx, runId, resume);
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => { closed = true; });
      let seq = resume;
      let idle = 0;
      for (;;) {
        for (const event of read.events) {
          await stream.writeSSE({ id: String(event.seq), event: event.type, data: JSON.stringify(event) });
          seq = event.seq;
        }
        if (read.finished) {
          await stream.writeSSE({ event: 'end', data: JSON.stringify({ status: read.status }) });
          return;
        }
        if (closed) return;
        idle = read.events.length > 0 ? 0 : idle + pollMs;
        if (idle >= heartbeatMs) {
          await stream.write(': heartbeat\n\n');
          idle = 0;
        }
        await stream.sleep(pollMs);
        if (closed) return;
        read = await readRunEvents(ctx, runId, seq);
      }
    });
  });
}
