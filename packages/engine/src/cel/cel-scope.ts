import { buildCelVariables, type CelStepResult } from '@sopflow/format';
import type { RunState } from '../state/run-state.js';

export interface ScopeExtras {
  /** The step whose outgoing edge is being evaluated: `outputs.<name>` reads its outputs. */
  current?: string;
  item?: { name: string; value: unknown; index: number };
  iterationCount?: number;
  error?: { code: string; message: string };
  event?: { name: string; payload?: unknown };
}

/**
 * Pure; the variables an expression sees at this point of a run, built by @sopflow/format's
 * `buildCelVariables` so the engine and the validator agree: `inputs`, `steps.<id>.{outputs,
 * status, confidence}` (failed and skipped steps too), `outputs` of the current step, `vars`, loop
 * `item`/`iteration`, `error`, `event`, and bare output names (latest completed step first).
 */
export function celScope(state: RunState, vars: Record<string, unknown> | undefined, extras: ScopeExtras = {}): Record<string, unknown> {
  const steps: CelStepResult[] = [];
  for (const step of Object.values(state.steps)) {
    if (step.status === 'failed' || step.status === 'skipped') steps.push({ nodeId: step.nodeId, status: step.status });
  }
  for (const id of state.completionOrder) {
    const step = state.steps[id];
    if (step === undefined || step.output === undefined) continue;
    steps.push({ nodeId: id, status: 'completed', outputs: step.output, ...(step.confidence === undefined ? {} : { confidence: step.confidence }) });
  }
  return buildCelVariables({
    inputs: state.inputs, steps, vars: vars ?? {},
    ...(extras.current === undefined ? {} : { current: extras.current }),
    ...(extras.item === undefined ? {} : { item: extras.item }),
    ...(extras.iterationCount === undefined ? {} : { iterationCount: extras.iterationCount }),
    ...(extras.error === undefined ? {} : { error: extras.error }),
    ...(extras.event === undefined ? {} : { event: extras.event }),
  });
}
