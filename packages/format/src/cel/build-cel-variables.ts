import { CEL_VARIABLES, RESERVED_CEL_NAMES } from './cel-variables.js';

/** One step that has finished, as the engine knows it. */
export interface CelStepResult {
  nodeId: string;
  /** One of CEL_STEP_STATUSES. */
  status: string;
  outputs?: Record<string, unknown>;
  confidence?: number;
}

/** Everything an expression may read at one point of a run. */
export interface CelScope {
  inputs?: Record<string, unknown>;
  /** Finished steps in completion order; a later result for the same node replaces an earlier one. */
  steps?: readonly CelStepResult[];
  /** The step whose outgoing edge is being evaluated: `outputs` is its outputs. */
  current?: string;
  vars?: Record<string, unknown>;
  /** The current for_each element; `name` defaults to `item`. */
  item?: { name?: string; value: unknown; index: number };
  /** How many times the loop edge being evaluated has been taken so far. */
  iterationCount?: number;
  error?: { code?: string; message?: string };
  event?: { name: string; payload?: unknown };
}

/**
 * Pure; the variables for `evaluateCel`, following README-conventions.md: `inputs`, `steps`,
 * `outputs` (of `current`), `vars`, `item`/iterator, `iteration`, `error`, `event`, and bare output/input names
 * (latest completed step first, then the run input).
 */
export function buildCelVariables(scope: CelScope): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const inputs = scope.inputs ?? {};
  for (const [name, value] of Object.entries(inputs)) {
    if (!RESERVED_CEL_NAMES.has(name)) variables[name] = value;
  }
  const steps: Record<string, unknown> = {};
  for (const step of scope.steps ?? []) {
    const outputs = step.outputs ?? {};
    steps[step.nodeId] = {
      outputs,
      status: step.status,
      ...(step.confidence === undefined ? {} : { confidence: step.confidence }),
    };
    for (const [name, value] of Object.entries(outputs)) {
      if (!RESERVED_CEL_NAMES.has(name)) variables[name] = value;
    }
  }
  variables[CEL_VARIABLES.inputs] = inputs;
  variables[CEL_VARIABLES.steps] = steps;
  const current = scope.current === undefined ? undefined : (steps[scope.current] as { outputs: unknown } | undefined);
  variables[CEL_VARIABLES.outputs] = current?.outputs ?? {};
  variables[CEL_VARIABLES.vars] = scope.vars ?? {};
  variables[CEL_VARIABLES.iteration] = { index: scope.item?.index ?? 0, count: scope.iterationCount ?? 0 };
  if (scope.item !== undefined) variables[scope.item.name ?? CEL_VARIABLES.item] = scope.item.value;
  if (scope.error !== undefined) variables[CEL_VARIABLES.error] = { code: scope.error.code ?? '', message: scope.error.message ?? '' };
  if (scope.event !== undefined) variables[CEL_VARIABLES.event] = { name: scope.event.name, payload: scope.event.payload ?? null };
  return variables;
}
