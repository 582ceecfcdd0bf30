import type { RunState } from '../state/run-state.js';

const RESERVED = new Set(['inputs', 'steps', 'vars', 'item', 'iteration', 'error', 'event']);

export interface ScopeExtras {
  item?: { name: string; value: unknown; index: number };
  iterationCount?: number;
  error?: { code: string; message: string };
  event?: { name: string; payload?: unknown };
}

/**
 * Pure; the variables an expression sees at this point of a run: `inputs`, `steps.<id>.{outputs,
 * status, confidence}`, `vars`, loop `item`/`iteration`, `error`, `event`, and bare output names
 * (latest completed step first, then the run input) as @sopflow/format's convention says.
 */
export function celScope(state: RunState, vars: Record<string, unknown> | undefined, extras: ScopeExtras = {}): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.inputs)) if (!RESERVED.has(name)) variables[name] = value;
  const steps: Record<string, unknown> = {};
  for (const step of Object.values(state.steps)) {
    if (step.status !== 'failed' && step.status !== 'skipped') continue;
    steps[step.nodeId] = { outputs: {}, status: step.status };
  }
  for (const id of state.completionOrder) {
    const step = state.steps[id];
    if (step === undefined || step.output === undefined) continue;
    steps[id] = { outputs: step.output, status: 'completed', ...(step.confidence === undefined ? {} : { confidence: step.confidence }) };
    for (const [name, value] of Object.entries(step.output)) if (!RESERVED.has(name)) variables[name] = value;
  }
  variables.inputs = state.inputs;
  variables.steps = steps;
  variables.vars = vars ?? {};
  variables.iteration = { index: extras.item?.index ?? 0, count: extras.iterationCount ?? 0 };
  if (extras.item !== undefined) variables[extras.item.name] = extras.item.value;
  if (extras.error !== undefined) variables.error = extras.error;
  if (extras.event !== undefined) variables.event = { name: extras.event.name, payload: extras.event.payload ?? null };
  return variables;
}
