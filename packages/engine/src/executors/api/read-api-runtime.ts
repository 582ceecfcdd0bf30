import type { Runtime } from '@sopflow/format';

/** An api node's runtime fields, checked. */
export interface ApiRuntime {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** A JSON value (sent as JSON) or a string (sent as text); absent = no body. */
  bodyTemplate?: unknown;
  /** Response headers copied into the output besides the usual ones. */
  responseHeaders: string[];
  followRedirects: boolean;
}

export type ReadApiRuntime = { ok: true; runtime: ApiRuntime } | { ok: false; message: string };

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Pure; checks the runtime fields an api node uses and says which one is wrong. */
export function readApiRuntime(runtime: Runtime | undefined): ReadApiRuntime {
  const url = runtime?.url;
  if (typeof url !== 'string' || url.trim() === '') return { ok: false, message: 'runtime.url is required' };
  const method = (typeof runtime?.method === 'string' ? runtime.method : 'GET').toUpperCase();
  if (!METHODS.has(method)) return { ok: false, message: `runtime.method ${method} is not one of ${[...METHODS].join(', ')}` };
  const headers = runtime?.headers ?? {};
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return { ok: false, message: 'runtime.headers must be a map of name: value' };
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return { ok: false, message: `runtime.headers: "${name}" is not a valid header name` };
    if (typeof value !== 'string') return { ok: false, message: `runtime.headers.${name} must be a string` };
  }
  const bodyTemplate = runtime?.body_template;
  if (bodyTemplate !== undefined && (method === 'GET' || method === 'HEAD')) return { ok: false, message: `runtime.body_template cannot be sent with ${method}` };
  const responseHeaders = runtime?.response_headers ?? [];
  if (!Array.isArray(responseHeaders) || !responseHeaders.every((name) => typeof name === 'string')) {
    return { ok: false, message: 'runtime.response_headers must be a list of header names' };
  }
  const followRedirects = runtime?.follow_redirects ?? true;
  if (typeof followRedirects !== 'boolean') return { ok: false, message: 'runtime.follow_redirects must be true or false' };
  return {
    ok: true,
    runtime: {
      method, url, headers: headers as Record<string, string>, responseHeaders: responseHeaders.map((name) => name.toLowerCase()), followRedirects,
      ...(bodyTemplate === undefined ? {} : { bodyTemplate }),
    },
  };
}
