import { checkHost } from '@sopflow/engine';
import { SERVICE_ERROR_CODES, ServiceError, type ServiceErrorCode } from '../service-error.js';
import { parseHttpUrl, readCapped, type FetchLimits } from '../discovery/fetch-limited.js';

/** Where a hub is and how to reach it: its URL, a token for writes, and the limits of every request. */
export interface HubConnection {
  /** The hub server's base URL (http or https), e.g. https://hub.example.com. */
  hub: string;
  /** An API token of the hub server: needed to publish and report, never to read. */
  token?: string;
  /** Bytes read per answer (default 1 MiB), time per request (10 s), and for a remote caller `publicOnly`; redirects are never followed. */
  limits?: Omit<FetchLimits, 'maxRedirects'>;
}

/**
 * One JSON request to a hub: the answer's JSON, or the hub's refusal as a ServiceError with its
 * code (`the hub at URL refused: …`); unreachable or too slow is unavailable; an answer that is
 * not JSON, too large or a redirect is invalid_data.
 */
export async function hubRequest(conn: HubConnection, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
  const base = parseHttpUrl(conn.hub);
  const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
  const maxBytes = conn.limits?.maxBytes ?? 1024 * 1024;
  const timeoutMs = conn.limits?.timeoutMs ?? 10_000;
  if (conn.limits?.publicOnly === true) {
    const allowed = await checkHost(url, conn.limits.allowedHosts ?? []);
    if (!allowed.ok) throw new ServiceError('not_authorised', `${url.origin}: ${allowed.message.replace("the workflow's allowed_hosts", 'the allowed hosts')}; a server only reads public hubs`, { url: url.origin, reason: 'host_not_allowed' });
  }
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'sopflow-hub' };
  if (conn.token !== undefined) headers.authorization = `Bearer ${conn.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new ServiceError('unavailable', `the hub at ${base.origin} ${timedOut ? `took longer than ${timeoutMs} ms` : 'could not be reached'}`, { url: url.href, reason: timedOut ? 'timeout' : 'unreachable' });
  }
  const text = await readCapped(res, url.href, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ServiceError('invalid_data', `the hub at ${base.origin} answered ${method} ${path} with ${res.status} and no JSON`, { url: url.href, status: res.status, reason: 'not_json' });
  }
  if (res.ok && typeof json === 'object' && json !== null && !Array.isArray(json)) return json as Record<string, unknown>;
  const error = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const code = SERVICE_ERROR_CODES.includes(error?.code as ServiceErrorCode) ? error!.code as ServiceErrorCode : 'invalid_data';
  const message = typeof error?.message === 'string' ? error.message : `status ${res.status}`;
  throw new ServiceError(code, `the hub at ${base.origin} refused: ${message}`, { status: res.status, hubError: error ?? null });
}
