/** How one output field is compared: exactly, within a numeric tolerance, or by text similarity. */
export type AgreementMeasure = 'exact' | 'number' | 'text';

/** A rule for one output field (a dotted path for nested fields, e.g. `address.city`). */
export interface FieldRule {
  measure: AgreementMeasure;
  /** `number`: largest absolute difference that still agrees. */
  absolute?: number;
  /** `number`: largest difference relative to the person's value that still agrees. */
  relative?: number;
  /** `text`: smallest word similarity (0..1) that still agrees. */
  similarity?: number;
}

/** The stated tolerances agreement is judged with; every default is written into the result. */
export interface AgreementOptions {
  /** Numbers agree when |a − b| ≤ max(absolute, relative × |person's value|). Default absolute 0, relative 0.01. */
  numberAbsolute?: number;
  numberRelative?: number;
  /** Free text agrees at this word similarity or above (default 0.85). */
  textSimilarity?: number;
  /** Rules per field path, over what the value types and the step's form say. */
  fields?: Record<string, FieldRule>;
  /** The step's form (JSON Schema): `enum` and `boolean` fields are exact, `number`/`integer` numeric, other strings free text. */
  form?: Record<string, unknown>;
}

export interface FieldAgreement {
  field: string;
  measure: AgreementMeasure | 'missing';
  agreed: boolean;
  detail: string;
}

/** The comparison of an agent's output with a person's, field by field. */
export interface OutputAgreement {
  agreed: boolean;
  fields: FieldAgreement[];
}

export const DEFAULT_NUMBER_RELATIVE = 0.01;
export const DEFAULT_TEXT_SIMILARITY = 0.85;

/**
 * Pure; whether the agent's output agrees with the person's: objects field by field (every field the
 * person gave must agree; fields only the agent gave are ignored), enums and booleans exactly, numbers
 * within the stated tolerance, free text (strings with spaces, or `type: string` without `enum` in the
 * form) at the similarity threshold. No agent output at all disagrees.
 * @example compareOutputs({ risk: 0.42, route: 'manual' }, { risk: 0.421, route: 'manual' }).agreed // true
 */
export function compareOutputs(person: Record<string, unknown>, agent: Record<string, unknown> | undefined, options: AgreementOptions = {}): OutputAgreement {
  if (agent === undefined) return { agreed: false, fields: [{ field: '(output)', measure: 'missing', agreed: false, detail: 'the agent gave no output' }] };
  const fields: FieldAgreement[] = [];
  compareObject(person, agent, '', options, propertiesOf(options.form), fields);
  if (fields.length === 0) {
    const same = Object.keys(agent).length === 0;
    fields.push({ field: '(output)', measure: 'exact', agreed: same, detail: same ? 'both empty' : 'the person gave no output, the agent did' });
  }
  return { agreed: fields.every((f) => f.agreed), fields };
}

/** Pure; word similarity of two texts (Dice coefficient over lower-cased word multisets, 0..1). */
export function textSimilarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 && wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const left = counts.get(w) ?? 0;
    if (left > 0) {
      common++;
      counts.set(w, left - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

function compareObject(person: Record<string, unknown>, agent: Record<string, unknown>, prefix: string, options: AgreementOptions, schema: Record<string, Record<string, unknown>>, out: FieldAgreement[]): void {
  for (const key of Object.keys(person).sort()) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const mine = person[key];
    const theirs = agent[key];
    const fieldSchema = schema[key] ?? {};
    if (isRecord(mine) && options.fields?.[path] === undefined) {
      if (isRecord(theirs)) compareObject(mine, theirs, path, options, propertiesOf(fieldSchema), out);
      else out.push({ field: path, measure: 'missing', agreed: false, detail: 'the agent gave no object here' });
      continue;
    }
    if (theirs === undefined) {
      out.push({ field: path, measure: 'missing', agreed: false, detail: 'the agent left it out' });
      continue;
    }
    out.push(compareValue(path, mine, theirs, ruleFor(path, mine, fieldSchema, options), options));
  }
}

function ruleFor(path: string, value: unknown, schema: Record<string, unknown>, options: AgreementOptions): FieldRule {
  const given = options.fields?.[path];
  if (given !== undefined) return given;
  if (Array.isArray(schema.enum) || schema.type === 'boolean') return { measure: 'exact' };
  if (schema.type === 'number' || schema.type === 'integer' || typeof value === 'number') return { measure: 'number' };
  if (schema.type === 'string' || (typeof value === 'string' && /\s/.test(value.trim()))) return { measure: 'text' };
  return { measure: 'exact' };
}

function compareValue(field: string, person: unknown, agent: unknown, rule: FieldRule, options: AgreementOptions): FieldAgreement {
  switch (rule.measure) {
    case 'number': {
      if (typeof person !== 'number' || typeof agent !== 'number') return exact(field, person, agent);
      const absolute = rule.absolute ?? options.numberAbsolute ?? 0;
      const relative = rule.relative ?? options.numberRelative ?? DEFAULT_NUMBER_RELATIVE;
      const allowed = Math.max(absolute, relative * Math.abs(person));
      const difference = Math.abs(person - agent);
      return { field, measure: 'number', agreed: difference <= allowed, detail: `${agent} vs ${person}: difference ${round(difference)}, tolerance ${round(allowed)}` };
    }
    case 'text': {
      if (typeof person !== 'string' || typeof agent !== 'string') return exact(field, person, agent);
      const needed = rule.similarity ?? options.textSimilarity ?? DEFAULT_TEXT_SIMILARITY;
      const similarity = textSimilarity(person, agent);
      return { field, measure: 'text', agreed: similarity >= needed, detail: `word similarity ${round(similarity)} (needs ${needed})` };
    }
    case 'exact':
      return exact(field, person, agent);
  }
}

function exact(field: string, person: unknown, agent: unknown): FieldAgreement {
  const agreed = stableJson(person) === stableJson(agent);
  return { field, measure: 'exact', agreed, detail: agreed ? `both ${short(person)}` : `${short(agent)} vs ${short(person)}` };
}

function propertiesOf(schema: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  const properties = schema?.properties;
  return isRecord(properties) ? (properties as Record<string, Record<string, unknown>>) : {};
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function round(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (isRecord(v)
    ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v)) ?? 'undefined';
}
