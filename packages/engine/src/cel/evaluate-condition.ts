import { Environment } from '@marcbachmann/cel-js';

export type ConditionResult = { ok: true; value: unknown } | { ok: false; message: string };

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });
for (const op of ['+', '-', '*', '/'] as const) {
  const apply = (a: number, b: number) => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : a / b);
  env.registerOperator(`int ${op} double: double`, (a: bigint, b: number) => apply(Number(a), b));
  env.registerOperator(`double ${op} int: double`, (a: number, b: bigint) => apply(a, Number(b)));
}
const programs = new Map<string, ReturnType<Environment['parse']>>();

/**
 * Port function: evaluates one CEL expression over plain JSON variables (integral numbers enter
 * as `int`); never throws. Follows the variable convention of @sopflow/format's CEL helpers.
 */
export function evaluateCondition(expr: string, variables: Record<string, unknown>): ConditionResult {
  if (expr.length > 4096) return { ok: false, message: 'expression longer than 4096 characters' };
  try {
    let program = programs.get(expr);
    if (program === undefined) {
      program = env.parse(expr);
      if (programs.size > 5000) programs.clear();
      programs.set(expr, program);
    }
    const value: unknown = program(toCel(variables, 0) as Record<string, unknown>);
    return { ok: true, value: fromCel(value, 0) };
  } catch (error) {
    return { ok: false, message: ((error as Error).message ?? String(error)).split('\n')[0] };
  }
}

/** Pure; CEL truthiness of a `when`: only `true` is true. */
export function isTrue(result: ConditionResult): boolean {
  return result.ok && result.value === true;
}

function toCel(value: unknown, depth: number): unknown {
  if (depth > 64) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => toCel(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCel(v, depth + 1);
    return out;
  }
  return value;
}

function fromCel(value: unknown, depth: number): unknown {
  if (depth > 64) return null;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => fromCel(v, depth + 1));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v, depth + 1)]));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCel(v, depth + 1);
    return out;
  }
  return value;
}
