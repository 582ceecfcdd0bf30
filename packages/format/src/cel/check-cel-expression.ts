import type { Environment } from '@marcbachmann/cel-js';
import type { CelDeclarations } from './cel-declarations.js';
import { CEL_VARIABLES } from './cel-variables.js';
import { slotStepReferences } from './cel-step-slots.js';
import { literalShape } from './literal-shape.js';
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
  /** Environments with `steps` and/or `outputs` declared, by schema key. */
  scopedEnvs: Map<string, Environment>;
  results: Map<string, CelCheckResult>;
}
const caches = new WeakMap<CelDeclarations, CheckCache>();

/**
 * Parses and type-checks `expr` against `declarations`. `source` is the step whose outgoing edge
 * carries the expression: `outputs` then means that step's outputs. Pure; never throws; results
 * are cached per declarations object, so a workflow's repeated expressions compile once.
 * @example checkCelExpression('inputs.amount > 5000', celDeclarationsFor(wf), 'bool')
 */
export function checkCelExpression(expr: string, declarations: CelDeclarations, expect: CelExpectation = 'any', source?: string): CelCheckResult {
  let cache = caches.get(declarations);
  if (cache === undefined) {
    cache = { base: safeBaseEnvironment(declarations), scopedEnvs: new Map(), results: new Map() };
    caches.set(declarations, cache);
  }
  const usesOutputs = OUTPUTS_MENTION.test(expr);
  const outputsKey = usesOutputs ? outputsShape(declarations, source) : '';
  const key = `${expect}\u0000${outputsKey}\u0000${expr}`;
  let result = cache.results.get(key);
  if (result === undefined) {
    // Once per distinct expression: look for an already checked one of the same literal shape.
    const shape = literalShape(expr);
    const shapeKey = shape === undefined ? undefined : `${expect}\u0000${outputsKey}\u0000\u0001${shape}`;
    result = shapeKey === undefined ? undefined : cache.results.get(shapeKey);
    if (result === undefined) {
      result = runCheck(expr, declarations, cache, expect, usesOutputs ? source ?? '' : undefined);
      if (shapeKey !== undefined) cache.results.set(shapeKey, result);
    }
    cache.results.set(key, result);
  }
  return result;
}

function runCheck(expr: string, declarations: CelDeclarations, cache: CheckCache, expect: CelExpectation, outputsOf: string | undefined): CelCheckResult {
  if (expr.trim() === '') return { ok: false, kind: 'syntax', message: 'empty expression', offset: 0 };
  if (expr.length > MAX_CEL_EXPRESSION_LENGTH) {
    return { ok: false, kind: 'syntax', message: `expression longer than ${MAX_CEL_EXPRESSION_LENGTH} characters`, offset: 0 };
  }
  try {
    const usesSteps = STEPS_MENTION.test(expr);
    const { env, text } = usesSteps || outputsOf !== undefined
      ? withScope(cache, expr, declarations, usesSteps, outputsOf)
      : { env: cache.base, text: expr };
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
/** `outputs` as a variable, not as a field (`steps.x.outputs`). */
const OUTPUTS_MENTION = /(?:^|[^.\w])outputs\b/;

/**
 * The environment and text to check: `steps` references renamed to shape slots (see
 * cel-step-slots.ts) and `outputs` typed as the source step's outputs. Environments are shared
 * between expressions with the same shapes.
 */
function withScope(
  cache: CheckCache, expr: string, declarations: CelDeclarations, usesSteps: boolean, outputsOf: string | undefined,
): { env: Environment; text: string } {
  const slotted = usesSteps ? slotStepReferences(expr, declarations) : { text: expr, schema: {}, key: '' };
  const outputs = outputsOf === undefined ? undefined : declarations.steps.get(outputsOf)?.outputs;
  const key = `${usesSteps ? `steps:${slotted.key}` : ''}#${outputsOf === undefined ? '' : `outputs:${outputsShape(declarations, outputsOf)}`}`;
  let env = cache.scopedEnvs.get(key);
  if (env === undefined) {
    env = cache.base.clone();
    if (usesSteps) {
      if (slotted.key === '') env.registerVariable(CEL_VARIABLES.steps, 'map');
      else env.registerVariable({ name: CEL_VARIABLES.steps, schema: slotted.schema });
    }
    if (outputsOf !== undefined) {
      if (outputs === undefined) env.registerVariable(CEL_VARIABLES.outputs, 'map');
      else env.registerVariable({ name: CEL_VARIABLES.outputs, schema: { ...outputs } });
    }
    cache.scopedEnvs.set(key, env);
  }
  return { env, text: slotted.text };
}

/** A key for the type of `outputs` on an edge leaving `source`. */
function outputsShape(declarations: CelDeclarations, source: string | undefined): string {
  const outputs = source === undefined ? undefined : declarations.steps.get(source)?.outputs;
  if (outputs === undefined) return 'open';
  return Object.entries(outputs).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, t]) => `${k}:${t}`).join(',');
}

/** The typed environment, or an untyped one if the declarations cannot be registered at all (never throws). */
function safeBaseEnvironment(declarations: CelDeclarations): Environment {
  try {
    return baseEnvironment(declarations);
  } catch {
    return createCelEnvironment({ unlistedVariablesAreDyn: true });
  }
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
