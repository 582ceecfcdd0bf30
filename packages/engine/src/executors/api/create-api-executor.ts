import type { StepExecutor, StepRequest, StepResult } from '../../ports/step-executor.js';
import { runRedacted, type StepRedactor } from '../secrets/create-step-redactor.js';
import { redactValue } from '../secrets/redact-value.js';
import { abortMessage, createStepDeadline } from '../step-deadline.js';
import { stepFailed } from '../step-failure.js';
import { createTemplateContext } from '../template/create-template-context.js';
import { startToolCall, type Now } from '../tool-call-timer.js';
import { buildHttpRequest } from './build-http-request.js';
import type { HostLookup } from './check-host.js';
import { readApiRuntime } from './read-api-runtime.js';
import { readResponseBody } from './read-response-body.js';
import { sendHttpRequest } from './send-http-request.js';

export interface ApiExecutorOptions {
  /** Where `${env.NAME}` values come from (names must be in `runtime.env`); default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Bytes of response body kept; default 1 MiB. */
  maxBodyBytes?: number;
  /** Redirects followed before TOO_MANY_REDIRECTS; default 5. */
  maxRedirects?: number;
  /** Resolves host names for the address check; default `dns.lookup`. */
  lookup?: HostLookup;
  now?: Now;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;
/** Response headers always copied into the output. */
const USUAL_HEADERS = ['content-type', 'content-length', 'location', 'etag', 'last-modified', 'retry-after', 'x-request-id'];
const URL_SECRETS_HINT = 'secrets are not put in URLs (they end up in logs and proxies); send them in a header or the body';
const BODY_IN_MESSAGE = 500;

/**
 * Runs `api` nodes with `fetch`: method, URL, headers and a JSON-aware body template, an
 * `Idempotency-Key` on non-GET requests, the step's timeout. 5xx, 408, 429 and network errors
 * are retryable (`HTTP_503`, `NETWORK`); other 4xx are terminal (`HTTP_404`). A 2xx gives
 * `{ status, headers, body }`, body parsed as JSON when the response says it is JSON.
 */
export function createApiExecutor(options: ApiExecutorOptions = {}): StepExecutor {
  const env = options.env ?? process.env;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    handles: ['api'],
    execute: (request) => runRedacted(request, attempt),
  };

  async function attempt(request: StepRequest, redactor: StepRedactor): Promise<StepResult> {
    const id = request.node.id;
    const read = readApiRuntime(request.node.runtime);
    if (!read.ok) return stepFailed('INVALID_RUNTIME', `${id}: ${read.message}`, false);
    const runtime = read.runtime;
    const allowEnv = Array.isArray(request.node.runtime?.env) ? request.node.runtime.env.filter((name) => typeof name === 'string') : [];
    const urlContext = createTemplateContext(request, { env, allowEnv, secretsHint: URL_SECRETS_HINT });
    const context = createTemplateContext(request, { env, allowEnv, secrets: request.secrets });
    // Every value read through runtime.env is a secret, whatever its name.
    redactor.add(Object.values(context.env));
    const built = buildHttpRequest(runtime, urlContext, context, request.idempotencyKey);
    if (!built.ok) return stepFailed(built.code, `${id}: ${request.secrets.redact(built.message)}`, false);
    const http = built.request;
    const shownUrl = request.secrets.redact(http.url.toString());
    const call = startToolCall('http', { method: http.method, url: shownUrl, headers: Object.keys(http.headers) }, options.now);
    const deadline = createStepDeadline(request);
    try {
      const sent = await sendHttpRequest(http, {
        allowedHosts: request.allowedHosts ?? [], followRedirects: runtime.followRedirects, signal: deadline.signal,
        maxRedirects: options.maxRedirects ?? DEFAULT_MAX_REDIRECTS, ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
      });
      const redirected = sent.redirects === 0 ? {} : { redirects: sent.redirects };
      if (!sent.ok) {
        const where = sent.redirects === 0 ? shownUrl : `${shownUrl} (after ${sent.redirects} redirect${sent.redirects === 1 ? '' : 's'}, at ${request.secrets.redact(sent.url.toString())})`;
        return stepFailed(sent.code, `${id}: ${http.method} ${where}: ${sent.message}`, false, [call.finish('FAILED', { error: sent.code, ...redirected })]);
      }
      const response = sent.response;
      const body = await readResponseBody(response, maxBodyBytes);
      const status = response.status;
      if (status >= 400) {
        const retryable = status >= 500 || status === 408 || status === 429;
        const excerpt = request.secrets.redact(body.text.trim().slice(0, BODY_IN_MESSAGE));
        const message = `${id}: ${http.method} ${shownUrl} answered ${status} ${response.statusText}${excerpt === '' ? '' : `: ${excerpt}`}`;
        return stepFailed(`HTTP_${status}`, message, retryable, [call.finish('FAILED', { status, ...redirected })]);
      }
      const toolCalls = [call.finish('COMPLETED', { status, ...redirected })];
      const contentType = response.headers.get('content-type') ?? '';
      let parsedBody: unknown = body.text;
      if (/\bjson\b/i.test(contentType) && !body.truncated) {
        if (body.text.trim() === '') parsedBody = null;
        else {
          try {
            parsedBody = JSON.parse(body.text);
          } catch {
            return stepFailed('INVALID_OUTPUT', `${id}: the response says ${contentType} but its body is not JSON`, false, toolCalls);
          }
        }
      }
      const headers: Record<string, string> = {};
      for (const name of [...USUAL_HEADERS, ...runtime.responseHeaders]) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const output = { status, headers, body: parsedBody, ...(body.truncated ? { body_truncated: true } : {}) };
      return { status: 'completed', output: redactValue(output, request.secrets) as Record<string, unknown>, toolCalls };
    } catch (error) {
      if (deadline.signal.aborted) {
        const reason = deadline.reason();
        const failure = abortMessage(reason, `${id}: ${http.method} ${shownUrl}`);
        return stepFailed(failure.code, failure.message, failure.retryable, [call.finish(reason === 'TIMEOUT' ? 'TIMEOUT' : 'FAILED', { error: failure.code })]);
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const detail = cause?.code ?? cause?.message ?? (error as Error).message;
      return stepFailed('NETWORK', `${id}: ${http.method} ${shownUrl} failed: ${request.secrets.redact(String(detail))}`, true, [call.finish('FAILED', { error: 'NETWORK' })]);
    } finally {
      deadline.dispose();
    }
  }
}
