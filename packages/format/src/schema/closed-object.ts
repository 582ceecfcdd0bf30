import { z } from 'zod';
import { withJsonSchema } from './json-schema-hints.js';

const EXTENSION_KEY = /^x-/;

/**
 * A closed object: keys outside `shape` are errors unless they start with `x-` (JSON Schema
 * `additionalProperties: false` + `patternProperties: {"^x-": {}}`, as OSOP's roots and edges).
 */
export function closedObject<S extends z.core.$ZodLooseShape>(shape: S, options: { allowExtensions?: boolean } = {}) {
  const allowExtensions = options.allowExtensions ?? true;
  const schema = z.looseObject(shape).superRefine((value, ctx) => {
    // Runs even when the base check failed (to report every unknown key), so the value may be anything.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (Object.hasOwn(shape, key) || (allowExtensions && EXTENSION_KEY.test(key))) continue;
      ctx.addIssue({
        code: 'custom', path: [key], input: value[key],
        message: `unknown key \`${key}\``,
        params: { keyword: 'additionalProperties', key, known: Object.keys(shape) },
      });
    }
  }, { when: () => true });
  return withJsonSchema(schema, allowExtensions
    ? { additionalProperties: false, patternProperties: { '^x-': {} } }
    : { additionalProperties: false });
}

/** An open object (`additionalProperties: true`): declared keys are typed, others pass. */
export function openObject<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.looseObject(shape);
}

/** Any JSON object (not an array, not null). */
export const anyObject = z.looseObject({});
