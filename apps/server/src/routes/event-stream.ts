import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';

/** An open text/event-stream answer that writes synchronously: one call, one chunk on the socket. */
export interface EventStream {
  /** What the route returns. */
  response: Response;
  /** Sends `text` (whole SSE blocks) now; nothing once the client has gone. */
  write(text: string): void;
  /** Ends the answer from this side (the client sees the stream close); nothing is sent after. */
  end(): void;
}

const HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' };

/** The comment block an idle stream sends to keep its connection open. */
export const HEARTBEAT = ': heartbeat\n\n';

/** The default of `maxBacklogBytes`: far more than a reading client ever has waiting. */
export const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

/**
 * Opens the answer of `c` as a server-sent event stream, with the headers the request's middleware set.
 * Under @hono/node-server it writes straight to the Node response (a fan-out to a thousand streams is
 * a thousand `write` calls, not a thousand web-stream round trips); elsewhere (`app.request()`) through
 * a ReadableStream. `onIdle` runs after `heartbeatMs` without a write (the caller sends `HEARTBEAT`
 * through it, behind the same checks as its events); `onClose` runs once when the client goes, or when
 * more than `maxBacklogBytes` wait for a client that does not read (the stream is then closed: the
 * client resumes with Last-Event-ID).
 */
export function openEventStream(c: Context, heartbeatMs: number, onIdle: () => void, onClose: () => void, maxBacklogBytes = MAX_BACKLOG_BYTES): EventStream {
  let closed = false;
  let send: (text: string) => void;
  let finish: () => void;
  const heartbeat = setTimeout(onIdle, heartbeatMs);
  heartbeat.unref();
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearTimeout(heartbeat);
    onClose();
  };
  const stream: EventStream = {
    response: RESPONSE_ALREADY_SENT,
    write(text) {
      if (closed) return;
      send(text);
      heartbeat.refresh();
    },
    end() {
      if (closed) return;
      close();
      finish();
    },
  };
  const headed = c.newResponse(null, 200, HEADERS);
  const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
  if (outgoing !== undefined) {
    const headers: Record<string, string | string[]> = Object.fromEntries(headed.headers);
    const cookies = headed.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    outgoing.writeHead(200, headers);
    outgoing.flushHeaders();
    outgoing.once('close', close);
    send = (text) => {
      if (outgoing.writableLength + text.length > maxBacklogBytes) {
        close();
        outgoing.destroy();
        return;
      }
      outgoing.write(text);
    };
    finish = () => outgoing.end();
    return stream;
  }
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // High-water mark 0: desiredSize is minus the bytes the reader has not taken.
  stream.response = new Response(new ReadableStream<Uint8Array>({ start(c) { controller = c; }, cancel: close }, new ByteLengthQueuingStrategy({ highWaterMark: 0 })), { headers: headed.headers });
  send = (text) => {
    const bytes = encoder.encode(text);
    if (-(controller.desiredSize ?? 0) + bytes.byteLength > maxBacklogBytes) {
      close();
      controller.error(new Error(`the client read too slowly: more than ${maxBacklogBytes} bytes were waiting`));
      return;
    }
    controller.enqueue(bytes);
  };
  finish = () => controller.close();
  return stream;
}
