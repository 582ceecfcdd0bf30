import { parseTemplate } from './parse-template.js';
import { resolveReference, type ResolvedReference, type TemplateContext } from './resolve-reference.js';

export type InterpolatedString = { ok: true; value: string; usesSecret: boolean } | { ok: false; message: string };

/** How a resolved value becomes text; e.g. percent-encoding for URLs. */
export type EncodeValue = (text: string, resolved: Extract<ResolvedReference, { ok: true }>) => string;

/**
 * Pure; fills every `${...}` in `text`. Strings go in as they are, numbers and booleans as
 * their JSON text, objects and arrays as JSON. The result is one string: never re-parsed.
 */
export function interpolateString(text: string, context: TemplateContext, encode?: EncodeValue): InterpolatedString {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return parsed;
  let value = '';
  let usesSecret = false;
  for (const part of parsed.parts) {
    if (part.type === 'text') {
      value += part.text;
      continue;
    }
    const resolved = resolveReference(part.path, context);
    if (!resolved.ok) return resolved;
    usesSecret ||= resolved.secret;
    const textValue = stringifyValue(resolved.value);
    value += encode === undefined ? textValue : encode(textValue, resolved);
  }
  return { ok: true, value, usesSecret };
}

/** Pure; the text a value contributes to a template (null → empty). */
export function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
