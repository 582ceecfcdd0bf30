import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { asServiceError, httpStatusOf, ServiceError, type ServiceErrorCode } from '@sopflow/service';

/** The one error body every route answers with. */
export interface ErrorBodyShape { error: { code: string; message: string; details?: unknown } }

/** Pure; a ServiceError code's status and body (the service's one table, `httpStatusOf`). */
export function errorBody(code: ServiceErrorCode, message: string, details?: unknown): { status: number; body: ErrorBodyShape } {
  return { status: httpStatusOf(code), body: { error: { code, message, ...(details === undefined ? {} : { details }) } } };
}

/**
 * Any thrown error as the error response: ServiceErrors (and engine/store refusals, which keep
 * their code) with their status; anything else as 500 `internal` without its message or stack.
 */
export function errorResponse(c: Context, error: unknown): Response {
  const known = error instanceof HTTPException ? fromHttpException(error) : asServiceError(error);
  if (known !== undefined) {
    const { status, body } = errorBody(known.code, known.message, known.details);
    const headers: Record<string, string> = {};
    const retry = (known.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (known.code === 'rate_limited' && retry !== undefined) headers['retry-after'] = String(retry);
    return c.json(body, status as 400, headers);
  }
  console.error(`sopflow server: internal error on ${c.req.method} ${c.req.path}: ${(error as Error)?.message ?? String(error)}`);
  return c.json({ error: { code: 'internal', message: 'the server failed to answer this request; it is logged' } }, 500);
}

/** The 400 of a request whose query, params or body do not fit its route's schema (zod's issues as details). */
export function requestDoesNotFit(issues: unknown): ServiceError {
  return new ServiceError('invalid_request', 'the request does not fit this route', { issues });
}

const HTTP_CODES: Readonly<Record<number, ServiceErrorCode>> = { 400: 'invalid_request', 401: 'unauthenticated', 404: 'not_found', 413: 'too_large', 415: 'unsupported_media_type' };

/** Hono's own refusals (a malformed JSON body, say) in the one table; other statuses are left to the 500 path. */
function fromHttpException(error: HTTPException): ServiceError | undefined {
  const code = HTTP_CODES[error.status];
  return code === undefined ? undefined : new ServiceError(code, error.message === '' ? 'the request was refused' : error.message);
}
