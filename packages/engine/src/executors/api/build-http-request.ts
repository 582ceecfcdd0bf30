import type { TemplateContext } from '../template/resolve-reference.js';
import { interpolateString } from '../template/interpolate-string.js';
import { parseTemplate } from '../template/parse-template.js';
import { interpolateValue } from '../template/interpolate-value.js';
import type { ApiRuntime } from './read-api-runtime.js';

/** What `fetch` is called with, after interpolation. */
export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Header names never sent to another origin: credentials by name, and any filled from `${secrets.X}` or `${env.X}`. */
  secretHeaders: string[];
  /** Whether the body was filled from `${secrets.X}` or `${env.X}`. */
  bodyHasSecret: boolean;
}

export type BuiltHttpRequest = { ok: true; request: HttpRequest } | { ok: false; code: 'TEMPLATE_ERROR' | 'INVALID_RUNTIME' | 'UNSUPPORTED_SCHEME'; message: string };

/** Headers that carry credentials whatever their value. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie)$|token|secret|api-?key|auth|session|password|credential/i;

const NO_IDEMPOTENCY_KEY = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Pure; fills the URL (run data percent-encoded, so a value cannot add path segments or query
 * parameters; `${env.X}` inserted as configured), headers and body (`${secrets.X}` allowed
 * there only), and adds `Idempotency-Key` to every method but GET, HEAD and OPTIONS.
 */
export function buildHttpRequest(runtime: ApiRuntime, urlContext: TemplateContext, context: TemplateContext, idempotencyKey: string): BuiltHttpRequest {
  const url = interpolateString(runtime.url, urlContext, (text, resolved) => (resolved.source === 'env' ? text : encodeURIComponent(text)));
  if (!url.ok) return { ok: false, code: 'TEMPLATE_ERROR', message: `runtime.url: ${url.message}` };
  let parsed: URL;
  try {
    parsed = new URL(url.value);
  } catch {
    return { ok: false, code: 'INVALID_RUNTIME', message: `runtime.url is not a valid URL after filling placeholders: ${url.value}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, code: 'UNSUPPORTED_SCHEME', message: `runtime.url must be http or https, not ${parsed.protocol}` };
  }
  const headers: Record<string, string> = {};
  const secretHeaders: string[] = [];
  for (const [name, template] of Object.entries(runtime.headers)) {
    if (CREDENTIAL_HEADERS.test(name) || readsSecretOrEnv(template)) secretHeaders.push(name);
    const value = interpolateString(template, context);
    if (!value.ok) return { ok: false, code: 'TEMPLATE_ERROR', message: `runtime.headers.${name}: ${value.message}` };
    if (/[\r\n\0]/.test(value.value)) return { ok: false, code: 'TEMPLATE_ERROR', message: `runtime.headers.${name}: the value contains a line break` };
    headers[name] = value.value;
  }
  const has = (name: string): boolean => Object.keys(headers).some((key) => key.toLowerCase() === name);
  let body: string | undefined;
  if (runtime.bodyTemplate !== undefined) {
    const isText = typeof runtime.bodyTemplate === 'string';
    const filled = isText ? interpolateString(String(runtime.bodyTemplate), context) : interpolateValue(runtime.bodyTemplate, context, 'runtime.body_template');
    if (!filled.ok) return { ok: false, code: 'TEMPLATE_ERROR', message: isText ? `runtime.body_template: ${filled.message}` : filled.message };
    body = isText ? String(filled.value) : JSON.stringify(filled.value);
    if (!has('content-type')) headers['Content-Type'] = isText ? 'text/plain; charset=utf-8' : 'application/json';
  }
  if (!NO_IDEMPOTENCY_KEY.has(runtime.method) && !has('idempotency-key')) headers['Idempotency-Key'] = idempotencyKey;
  const bodyHasSecret = readsSecretOrEnv(runtime.bodyTemplate);
  return { ok: true, request: { method: runtime.method, url: parsed, headers, ...(body === undefined ? {} : { body }), secretHeaders, bodyHasSecret } };
}

/** Pure; whether a template (a string, or strings inside a JSON value) reads `${secrets.X}` or `${env.X}`. */
function readsSecretOrEnv(template: unknown): boolean {
  if (typeof template === 'string') {
    const parsed = parseTemplate(template);
    return parsed.ok && parsed.parts.some((part) => part.type === 'ref' && (part.path[0] === 'secrets' || part.path[0] === 'env'));
  }
  if (Array.isArray(template)) return template.some(readsSecretOrEnv);
  if (template !== null && typeof template === 'object') return Object.values(template).some(readsSecretOrEnv);
  return false;
}
