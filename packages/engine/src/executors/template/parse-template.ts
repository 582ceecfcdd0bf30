/** One piece of a `${...}` template: literal text, or a reference such as `inputs.name`. */
export type TemplatePart = { type: 'text'; text: string } | { type: 'ref'; ref: string; path: string[] };

export type ParsedTemplate = { ok: true; parts: TemplatePart[] } | { ok: false; message: string };

const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

/**
 * Pure; splits `text` into literal text and `${a.b.c}` references. `$${` is a literal `${`.
 * A placeholder that is not closed or not a dotted name is an error, never passed through.
 *
 * @example parseTemplate('hello ${inputs.name}!') // text 'hello ', ref inputs.name, text '!'
 */
export function parseTemplate(text: string): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      literal += '${';
      index += 3;
      continue;
    }
    if (!text.startsWith('${', index)) {
      literal += text[index];
      index += 1;
      continue;
    }
    const close = text.indexOf('}', index + 2);
    if (close === -1) return { ok: false, message: `unclosed placeholder at character ${index + 1}` };
    const ref = text.slice(index + 2, close).trim();
    if (!REFERENCE.test(ref)) return { ok: false, message: `invalid placeholder \${${ref}}: expected a dotted name such as inputs.x` };
    if (literal !== '') parts.push({ type: 'text', text: literal });
    literal = '';
    parts.push({ type: 'ref', ref, path: ref.split('.') });
    index = close + 1;
  }
  if (literal !== '') parts.push({ type: 'text', text: literal });
  return { ok: true, parts };
}

/** Pure; whether `text` contains at least one `${...}` placeholder (ignoring `$${` escapes). */
export function hasPlaceholder(text: string): boolean {
  return /(^|[^$])\$\{/.test(text);
}
