import { parseTemplate } from './parse-template.js';
import { interpolateString } from './interpolate-string.js';
import { resolveReference, type TemplateContext } from './resolve-reference.js';

export type InterpolatedValue = { ok: true; value: unknown; usesSecret: boolean } | { ok: false; message: string };

/**
 * Pure; JSON-aware interpolation of a body template. Walks objects and arrays and fills
 * placeholders inside strings only (keys stay as written; nothing is evaluated). A string that
 * is exactly one placeholder (`"${inputs.count}"`) takes the value with its JSON type.
 */
export function interpolateValue(template: unknown, context: TemplateContext, where = '$'): InterpolatedValue {
  if (typeof template === 'string') return interpolateText(template, context, where);
  if (Array.isArray(template)) {
    const items: unknown[] = [];
    let usesSecret = false;
    for (const [index, item] of template.entries()) {
      const filled = interpolateValue(item, context, `${where}[${index}]`);
      if (!filled.ok) return filled;
      usesSecret ||= filled.usesSecret;
      items.push(filled.value);
    }
    return { ok: true, value: items, usesSecret };
  }
  if (template !== null && typeof template === 'object') {
    const object: Record<string, unknown> = {};
    let usesSecret = false;
    for (const [key, item] of Object.entries(template)) {
      const filled = interpolateValue(item, context, `${where}.${key}`);
      if (!filled.ok) return filled;
      usesSecret ||= filled.usesSecret;
      object[key] = filled.value;
    }
    return { ok: true, value: object, usesSecret };
  }
  return { ok: true, value: template, usesSecret: false };
}

function interpolateText(text: string, context: TemplateContext, where: string): InterpolatedValue {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return { ok: false, message: `${where}: ${parsed.message}` };
  const [only] = parsed.parts;
  if (parsed.parts.length === 1 && only.type === 'ref') {
    const resolved = resolveReference(only.path, context);
    if (!resolved.ok) return { ok: false, message: `${where}: ${resolved.message}` };
    return { ok: true, value: resolved.value, usesSecret: resolved.secret };
  }
  const filled = interpolateString(text, context);
  if (!filled.ok) return { ok: false, message: `${where}: ${filled.message}` };
  return filled;
}
