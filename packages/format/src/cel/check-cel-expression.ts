import type { Environment } from '@marcbachmann/cel-js';
import type { CelDeclarations } from './cel-declarations.js';
import { CEL_VARIABLES } from './cel-variables.js';
import { slotStepReferences } from './cel-step-slots.js';
import { createCelEnvironment } from './create-cel-environment.js';

/** What an expression must yield: `when` → bool, `for_each` → list, a switch expression → anything. */
export type CelExpectation = 'bool' | 'list' | 'any';

export type CelCheckResult =
  | { ok: true; type: string }
  | { ok: false; kind: 'syntax' | 'type' | 'unknown-variable'; message: string; offset: number };

/** Expressions longer than this are refused rather than parsed. */
export const MAX_CEL_EXPRESSION_LENGTH = 4_096;

interface CheckCache {
  base: Environment;
  /** Environments with `steps` declared, by slot-schema key. */
  stepEnvs: Map<string, Environment>;
  results: Map<string, CelCheckResult>;
}
const caches = new WeakMap<CelDeclarations, CheckCache>();

/**
 * Parses and type-checks `expr` against `declarations`. Pure; never throws; results are cached
 * per declarations object and expression, so a workflow's repeated expressions compile once.
 * @example checkCelExpression('inputs.amount > 5000', celDeclarationsFor(wf), 'bool')
 */
export function checkCelExpression(expr: string, declarations: CelDeclarations, expect: CelExpectation = 'any'): CelCheckResult {
  let cache = caches.get(declarations);
  if (cache === undefined) {
    cache = { base: baseEnvironment(declarations), stepEnvs: new Map(), results: new Map() };
    caches.set(declarations, cache);
  }
  const key = `${expect}\u0000${expr}`;
  let result = cache.results.get(key);
  if (result === undefined) {
    result = runCheck(expr, declarations, cache, expect);
    cache.results.set(key, result);
  }
  return result;
}

function runCheck(expr: string, declarations: CelDeclarations, cache: CheckCache, expect: CelExpectation): CelCheckResult {
  if (expr.trim() === '') return { ok: false, kind: 'syntax', message: 'empty expression', offset: 0 };
  if (expr.length > MAX_CEL_EXPRESSION_LENGTH) {
    return { ok: false, kind: 'syntax', message: `expression longer than ${MAX_CEL_EXPRESSION_LENGTH} characters`, offset: 0 };
  }
  try {
    const { env, text } = STEPS_MENTION.test(expr) ? withSteps(cache, expr, declarations) : { env: cache.base, text: expr };
    const checked = env.check(text);
    if (!checked.valid || checked.error !== undefined) {
      const error = checked.error;
      const kind = error?.name === 'ParseError' ? 'syntax' : (error as { code?: string } | undefined)?.code === 'unknown_variable' ? 'unknown-variable' : 'type';
      const summary = (error as { summary?: string } | undefined)?.summary ?? error?.message.split('\n')[0] ?? 'invalid expression';
      return { ok: false, kind, message: summary, offset: error?.range?.start ?? 0 };
    }
    const type = checked.type ?? 'dyn';
    if (expect === 'bool' && type !== 'bool' && type !== 'dyn') {
      return { ok: false, kind: 'type', message: `must yield bool, yields ${type}`, offset: 0 };
    }
    if (expect === 'list' && !type.startsWith('list') && type !== 'dyn') {
      return { ok: false, kind: 'type', message: `must yield a list, yields ${type}`, offset: 0 };
    }
    return { ok: true, type };
  } catch (error) {
    return { ok: false, kind: 'syntax', message: error instanceof Error ? error.message.split('\n')[0]! : String(error), offset: 0 };
  }
}

const STEPS_MENTION = /\bsteps\b/;

/** The environment and text to check: `steps` references renamed to shape slots (see cel-step-slots.ts). */
function withSteps(cache: CheckCache, expr: string, declarations: CelDeclarations): { env: Environment; text: string } {
  const slotted = slotStepReferences(expr, declarations);
  let env = cache.stepEnvs.get(slotted.key);
  if (env === undefined) {
    env = cache.base.clone();
    if (slotted.key === '') env.registerVariable(CEL_VARIABLES.steps, 'map');
    else env.registerVariable({ name: CEL_VARIABLES.steps, schema: slotted.schema });
    cache.stepEnvs.set(slotted.key, env);
  }
  return { env, text: slotted.text };
}

function baseEnvironment(declarations: CelDeclarations): Environment {
  const env = createCelEnvironment();
  registerMap(env, CEL_VARIABLES.inputs, declarations.inputs);
  registerMap(env, CEL_VARIABLES.vars, declarations.vars);
  env.registerVariable({ name: CEL_VARIABLES.iteration, schema: { index: 'int', count: 'int' } });
  env.registerVariable({ name: CEL_VARIABLES.error, schema: { code: 'string', message: 'string' } });
  env.registerVariable({ name: CEL_VARIABLES.event, schema: { name: 'string', payload: 'dyn' } });
  for (const name of declarations.iterators) safeRegister(env, name, 'dyn');
  for (const [name, type] of declarations.bare) {
    if (!env.hasVariable(name)) safeRegister(env, name, type);
  }
  return env;
}

function registerMap(env: Environment, name: string, fields: Readonly<Record<string, string>> | undefined): void {
  if (fields === undefined || Object.keys(fields).length === 0) env.registerVariable(name, 'map');
  else env.registerVariable({ name, schema: { ...fields } });
}

function safeRegister(env: Environment, name: string, type: string): void {
  for (const candidate of [type, 'dyn']) {
    try {
      env.registerVariable(name, candidate);
      return;
    } catch {
      // an unknown type name or a name CEL refuses: try dyn, then leave the name undeclared
    }
  }
}
