import type { z } from 'zod';

/**
 * JSON Schema keywords that zod cannot express on its own (closed objects that still allow `x-`
 * keys, ajv formats), attached to the zod schema that needs them and merged in by `toJsonSchema`.
 * A module-level WeakMap, filled only while the schema modules load.
 */
export const JSON_SCHEMA_HINTS = new WeakMap<z.ZodType, Record<string, unknown>>();

export function withJsonSchema<T extends z.ZodType>(schema: T, keywords: Record<string, unknown>): T {
  JSON_SCHEMA_HINTS.set(schema, { ...JSON_SCHEMA_HINTS.get(schema), ...keywords });
  return schema;
}
