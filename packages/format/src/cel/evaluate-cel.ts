import type { ParseResult } from '@marcbachmann/cel-js';
import { MAX_CEL_EXPRESSION_LENGTH } from './check-cel-expression.js';
import { createCelEnvironment } from './create-cel-environment.js';

export type CelEvaluation = { ok: true; value: unknown } | { ok: false; code: string; message: string };

const env = createCelEnvironment({ unlistedVariablesAreDyn: true });
const programs = new Map<string, ParseResult>();
const MAX_CACHED_PROGRAMS = 10_000;
const MAX_VALUE_DEPTH = 64;

/**
 * Evaluates `expr` with `variables` (plain JSON values; build them with `buildCelVariables`).
 * Never throws; each distinct expression is compiled once. Integral numbers enter CEL as `int`;
 * the result comes back as plain JSON (`int` → number).
 * @example evaluateCel('inputs.amount > 5000', { inputs: { amount: 6000 } }) // { ok: true, value: true }
 */
export function evaluateCel(expr: string, variables: Record<string, unknown>): CelEvaluation {
  if (expr.length > MAX_CEL_EXPRESSION_LENGTH) {
    return { ok: false, code: 'expression_too_long', message: `expression longer than ${MAX_CEL_EXPRESSION_LENGTH} characters` };
  }
  try {
    let program = programs.get(expr);
    if (program === undefined) {
      program = env.parse(expr);
      if (programs.size >= MAX_CACHED_PROGRAMS) programs.clear();
      programs.set(expr, program);
    }
    const value: unknown = program(toCelValue(variables, 0) as Record<string, unknown>);
    if (value instanceof Promise) return { ok: false, code: 'async_result', message: 'expression returned a promise' };
    return { ok: true, value: fromCelValue(value, 0) };
  } catch (error) {
    const e = error as { code?: string; summary?: string; message?: string };
    return { ok: false, code: e.code ?? 'evaluation_error', message: e.summary ?? e.message?.split('\n')[0] ?? String(error) };
  }
}

function toCelValue(value: unknown, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return null;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, depth + 1));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toCelValue(v, depth + 1);
    return out;
  }
  return value;
}

function fromCelValue(value: unknown, depth: number): unknown {
  if (depth > MAX_VALUE_DEPTH) return null;
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  if (Array.isArray(value)) return value.map((v) => fromCelValue(v, depth + 1));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = fromCelValue(v, depth + 1);
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fromCelValue(v, depth + 1);
    return out;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
