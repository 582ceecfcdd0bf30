import { checkHost } from '@sopflow/engine';
import { ServiceError } from '../service-error.js';

/** How far a discovery fetch may go: bytes read, total time, and redirects followed. */
export interface FetchLimits {
  /** Largest body read, in bytes; default 1 MiB. */
  maxBytes?: number;
  /** The whole fetch, redirects included, in milliseconds; default 10 s. */
  timeoutMs?: number;
  /** Redirects followed (http and https only); default 5. */
  maxRedirects?: number;
  /**
   * Refuse private, loopback and link-local addresses (at every hop, as resolved) unless
   * `allowedHosts` lists them — for fetches a remote caller asks a server to make. Default false:
   * the CLI reads from the user's own machine.
   */
  publicOnly?: boolean;
  /** With `publicOnly`: hosts, `*.domain` patterns, addresses or CIDR ranges that may be reached anyway. */
  allowedHosts?: readonly string[];
}

export const DEFAULT_FETCH_LIMITS: Required<Omit<FetchLimits, 'allowedHosts'>> = { maxBytes: 1024 * 1024, timeoutMs: 10_000, maxRedirects: 5, publicOnly: false };

/** What a limited fetch found: the final URL after redirects, the status, and the body when it was 200. */
export interface FetchedDocument {
  url: string;
  status: number;
  contentType: string | null;
  text?: string;
}

/**
 * GETs `url` within the limits: redirects followed by hand (at most `maxRedirects`, http(s) only),
 * the body read as a stream and abandoned past `maxBytes`, everything within `timeoutMs`. A status
 * other than 200 is returned without a body; unreachable or too slow is `unavailable`; too large,
 * too many redirects or a redirect off http(s) is `invalid_data` with `details.reason`.
 */
export async function fetchLimited(url: string, limits: FetchLimits = {}): Promise<FetchedDocument> {
  const { maxBytes, timeoutMs, maxRedirects, publicOnly } = { ...DEFAULT_FETCH_LIMITS, ...limits };
  const signal = AbortSignal.timeout(timeoutMs);
  let current = parseHttpUrl(url);
  try {
    for (let hops = 0; ; hops++) {
      if (publicOnly) {
        // The same rule as api steps: every resolved address must be public unless listed.
        const allowed = await checkHost(current, limits.allowedHosts ?? []);
        if (!allowed.ok) throw new ServiceError('not_authorised', `${current.href}: ${allowed.message.replace("the workflow's allowed_hosts", 'the allowed hosts')}; a server only reads public sites`, { url: current.href, reason: 'host_not_allowed' });
      }
      const res = await fetch(current, { redirect: 'manual', signal, headers: { accept: 'application/yaml, text/yaml, application/json;q=0.9, */*;q=0.5', 'user-agent': 'sopflow-discover' } });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location !== null) {
        await res.body?.cancel();
        if (hops >= maxRedirects) throw new ServiceError('invalid_data', `${url} redirects more than ${maxRedirects} times`, { url, reason: 'too_many_redirects', maxRedirects });
        const next = new URL(location, current);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new ServiceError('invalid_data', `${current.href} redirects to ${next.protocol} (only http and https are followed)`, { url: current.href, reason: 'redirect_scheme' });
        }
        current = next;
        continue;
      }
      if (res.status !== 200) {
        await res.body?.cancel();
        return { url: current.href, status: res.status, contentType: res.headers.get('content-type') };
      }
      return { url: current.href, status: 200, contentType: res.headers.get('content-type'), text: await readCapped(res, current.href, maxBytes) };
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const reason = signal.aborted ? `took longer than ${timeoutMs} ms` : `could not be reached (${causeOf(error)})`;
    throw new ServiceError('unavailable', `${current.href} ${reason}`, { url: current.href, reason: signal.aborted ? 'timeout' : 'unreachable' });
  }
}

/** An http(s) URL, or invalid_request. */
export function parseHttpUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ServiceError('invalid_request', `${url} is not a URL (give one such as https://example.com)`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ServiceError('invalid_request', `${url}: only http and https URLs are read`, { url });
  return parsed;
}

/** The body as UTF-8 text, abandoned past maxBytes (invalid_data, reason too_large) or when not UTF-8 (reason not_text). */
export async function readCapped(res: Response, url: string, maxBytes: number): Promise<string> {
  const tooLarge = () => new ServiceError('invalid_data', `${url} is larger than ${maxBytes} bytes`, { url, reason: 'too_large', maxBytes });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body !== null) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ServiceError('invalid_data', `${url} is not UTF-8 text`, { url, reason: 'not_text' });
  }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
