import type { DocumentPath } from '../model/diagnostic.js';

/** Pure; `['nodes', 3, 'runtime', 'url']` → `nodes[3].runtime.url` (the root is `top level`). */
export function describePath(path: DocumentPath): string {
  if (path.length === 0) return 'top level';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** Pure; the value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: DocumentPath): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** Pure; JSON type name of a value, as a JSON Schema user would say it. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'an unquoted timestamp';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
