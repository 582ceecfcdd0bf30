import type { SecretSource } from '../../ports/step-executor.js';

/** Pure; a copy of a JSON-like value with every string (and object key) passed through `redact`. */
export function redactValue(value: unknown, secrets: Pick<SecretSource, 'redact'>): unknown {
  if (typeof value === 'string') return secrets.redact(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[secrets.redact(key)] = redactValue(item, secrets);
    return copy;
  }
  return value;
}
