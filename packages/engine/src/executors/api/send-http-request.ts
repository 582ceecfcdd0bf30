import type { HttpRequest } from './build-http-request.js';
import { checkHost, type HostLookup } from './check-host.js';

export interface SendHttpOptions {
  /** The workflow's `allowed_hosts`; empty = any public host (see `checkHost`). */
  allowedHosts: readonly string[];
  followRedirects: boolean;
  maxRedirects: number;
  signal: AbortSignal;
  lookup?: HostLookup;
}

export type RefusedRequestCode = 'HOST_NOT_ALLOWED' | 'UNSUPPORTED_SCHEME' | 'TOO_MANY_REDIRECTS' | 'UNSAFE_REDIRECT' | 'INVALID_REDIRECT';

/** The final response, or why a hop was refused (every refusal is terminal). Network errors reject, like `fetch`. */
export type SentHttpRequest =
  | { ok: true; response: Response; url: URL; redirects: number }
  | { ok: false; code: RefusedRequestCode; message: string; url: URL; redirects: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Sends `first` with `fetch` and follows redirects itself (`redirect: 'manual'`), at most
 * `maxRedirects`. Before every hop the host is checked against `allowedHosts` and the address
 * rules. A redirect to another origin drops `secretHeaders` (Authorization, Cookie, anything
 * filled from a secret), and is refused when it would resend a body holding a secret (307/308).
 * A redirect to anything but http(s) is refused with UNSUPPORTED_SCHEME.
 */
export async function sendHttpRequest(first: HttpRequest, options: SendHttpOptions): Promise<SentHttpRequest> {
  let current = first;
  let redirects = 0;
  for (;;) {
    const host = await checkHost(current.url, options.allowedHosts, options.lookup);
    if (!host.ok) return { ok: false, code: 'HOST_NOT_ALLOWED', message: host.message, url: current.url, redirects };
    const response = await fetch(current.url, {
      method: current.method,
      headers: current.headers,
      ...(current.body === undefined ? {} : { body: current.body }),
      redirect: 'manual',
      signal: options.signal,
    });
    const location = response.headers.get('location');
    if (!options.followRedirects || !REDIRECTS.has(response.status) || location === null) return { ok: true, response, url: current.url, redirects };
    await response.body?.cancel().catch(() => undefined);
    const refuse = (code: RefusedRequestCode, message: string): SentHttpRequest => ({ ok: false, code, message, url: current.url, redirects });
    if (redirects >= options.maxRedirects) return refuse('TOO_MANY_REDIRECTS', `more than ${options.maxRedirects} redirects`);
    let target: URL;
    try {
      target = new URL(location, current.url);
    } catch {
      return refuse('INVALID_REDIRECT', `answered ${response.status} with a Location that is not a URL`);
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      return refuse('UNSUPPORTED_SCHEME', `redirected to a ${target.protocol} URL; only http and https are followed`);
    }
    const next = redirectedRequest(current, response.status, target);
    if (next === undefined) {
      return refuse('UNSAFE_REDIRECT', `answered ${response.status} towards another origin (${target.origin}); the body holds a secret and is not resent there`);
    }
    current = next;
    redirects += 1;
  }
}

/** Pure; the request a redirect leads to, or undefined when following it would send a secret body to another origin. */
function redirectedRequest(current: HttpRequest, status: number, target: URL): HttpRequest | undefined {
  const crossOrigin = target.origin !== current.url.origin;
  // As browsers do: 303 (except HEAD), and 301/302 after POST, continue as a GET without the body.
  const toGet = (status === 303 && current.method !== 'HEAD') || ((status === 301 || status === 302) && current.method === 'POST');
  if (!toGet && crossOrigin && current.body !== undefined && current.bodyHasSecret) return undefined;
  const dropped = new Set((crossOrigin ? current.secretHeaders : []).map((name) => name.toLowerCase()));
  if (toGet) dropped.add('content-type');
  const headers = Object.fromEntries(Object.entries(current.headers).filter(([name]) => !dropped.has(name.toLowerCase())));
  return {
    method: toGet ? 'GET' : current.method,
    url: target,
    headers,
    ...(toGet || current.body === undefined ? {} : { body: current.body }),
    secretHeaders: crossOrigin ? [] : current.secretHeaders,
    bodyHasSecret: toGet ? false : current.bodyHasSecret,
  };
}
