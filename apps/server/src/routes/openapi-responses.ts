import { z } from '@hono/zod-openapi';
import { ServiceError } from '@sopflow/service';
import { ErrorBody } from '../api-schemas.js';

/** The error responses of a route, one per status, all in the one error body. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, { description: 'error', content: { 'application/json': { schema: ErrorBody } } }]));

/** A JSON response of a route. */
export const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A JSON request body of a route. */
export const body = <T>(schema: T, required = true) => ({ body: { required, content: { 'application/json': { schema } } } });

/** A text response (YAML, an event stream) of a route. */
export const text = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });

export const VersionParams = z.object({
  id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'sop_0mbx1c2d3a1b2c3d4e5f6' }),
  versionId: z.string().min(1).max(200).openapi({ param: { name: 'versionId', in: 'path' }, example: 'ver_0mbx1c2d3a1b2c3d4e5f6' }),
});

/** An optional JSON body: none (or empty) is `{}`; one that is there must parse and fit the schema (400 otherwise). */
export function optionalJson<T>(raw: string, schema: z.ZodType<T>): T {
  let value: unknown = {};
  if (raw.trim() !== '') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ServiceError('invalid_request', 'the body is not JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ServiceError('invalid_request', 'the body does not fit this route', { issues: parsed.error.issues });
  return parsed.data;
}
