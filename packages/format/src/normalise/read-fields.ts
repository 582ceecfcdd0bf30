/** Defensive readers for raw document values: normalisation never trusts the shape it is given. */
export type RawObject = Record<string, unknown>;

export function isObject(value: unknown): value is RawObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function asBoolean(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

/** Copies the keys of `raw` that are not in `known` (x-*, metadata, …), verbatim. */
export function extraKeys(raw: RawObject, known: ReadonlySet<string>): RawObject {
  const extra: RawObject = {};
  for (const [key, value] of Object.entries(raw)) if (!known.has(key)) extra[key] = value;
  return extra;
}

/**
 * Drops undefined values so normalised objects compare and serialise cleanly. Copies instead of
 * deleting (`delete` turns V8 objects into slow dictionaries).
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
