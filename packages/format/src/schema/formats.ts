import { fullFormats } from 'ajv-formats/dist/formats.js';
import { z } from 'zod';
import { withJsonSchema } from './json-schema-hints.js';

const dateTimeFormat = fullFormats['date-time'] as { validate: (value: string) => boolean };
const uriReferenceFormat = fullFormats['uri-reference'] as RegExp;

/** Pure; true when `value` is an RFC 3339 date-time exactly as ajv-formats (full mode) judges it. */
export function isDateTime(value: string): boolean {
  return dateTimeFormat.validate(value);
}

/** A string with JSON Schema `format: date-time`, judged by ajv-formats' own validator. */
export function dateTimeString() {
  const schema = z.string().superRefine((value, ctx) => {
    if (!isDateTime(value)) {
      ctx.addIssue({ code: 'custom', input: value, message: `\`${value}\` is not an RFC 3339 date-time`, params: { keyword: 'format', format: 'date-time' } });
    }
  });
  return withJsonSchema(schema, { format: 'date-time' });
}

/** A string with JSON Schema `format: uri-reference`, judged by ajv-formats' own pattern. */
export function uriReferenceString() {
  const schema = z.string().superRefine((value, ctx) => {
    if (!uriReferenceFormat.test(value)) {
      ctx.addIssue({ code: 'custom', input: value, message: `\`${value}\` is not a URI reference`, params: { keyword: 'format', format: 'uri-reference' } });
    }
  });
  return withJsonSchema(schema, { format: 'uri-reference' });
}

/** OSOP's version pattern: N.N or N.N.N. */
export const VERSION_PATTERN = /^[0-9]+\.[0-9]+(\.[0-9]+)?$/;
