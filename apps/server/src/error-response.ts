import type { Context } from 'hono';
import { asServiceError, httpStatusOf, type ServiceErrorCode } from '@sopflow/service';

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
  const known = asServiceError(error);
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
