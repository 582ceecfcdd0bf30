import type { Context } from 'hono';

/**
 * The address of the connection a request came on — never a forwarded header, which any client
 * can write — or `in-process` under `app.request()`. Only ever a key of an in-memory rate limit:
 * never stored, never logged. Behind a reverse proxy every client shares the proxy's address.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'in-process';
}
