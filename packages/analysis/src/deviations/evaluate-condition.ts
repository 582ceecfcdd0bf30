import { buildCelVariables, evaluateCel } from '@sopflow/format';
import type { RunRecord, StepRecord } from '../records/run-record.js';

/**
 * Judges one branch condition at one point of a run; `undefined` when it cannot be judged. `current`
 * is the edge's source step, whose outputs the expression reads as `outputs.<name>`.
 */
export type ConditionJudge = (expression: string, record: RunRecord, before: readonly StepRecord[], current?: string) => boolean | undefined;

const CEL_STATUS: Record<string, string> = { COMPLETED: 'completed', FAILED: 'failed', ERROR: 'failed', SKIPPED: 'skipped', TIMEOUT: 'timed_out' };

/**
 * Pure; evaluates a `when` expression with the data the run recorded up to that point, following the
 * CEL variable convention of @sopflow/format (inputs, steps.<id>.outputs/status, bare output names,
 * and `outputs` = the outputs of `current`, the edge's source step, as the engine evaluates it).
 * Undefined when the expression fails (for example, it reads a value the record does not carry).
 */
export const judgeCondition: ConditionJudge = (expression, record, before, current) => {
  const variables = buildCelVariables({
    inputs: record.inputs ?? {},
    steps: before.map((s) => ({
      nodeId: s.nodeId, status: CEL_STATUS[s.status] ?? s.status.toLowerCase(),
      outputs: { ...(s.decision === undefined ? {} : { decision: s.decision }), ...(s.outputs ?? {}) },
      ...(s.confidence === undefined ? {} : { confidence: s.confidence }),
    })),
    ...(current === undefined ? {} : { current }),
  });
  const result = evaluateCel(expression, variables);
  return result.ok && typeof result.value === 'boolean' ? result.value : undefined;
};

/** Pure; whether a switch expression's value equals a case value, undefined when it cannot be evaluated. */
export function judgeSwitchCase(expression: string, value: unknown, record: RunRecord, before: readonly StepRecord[], current?: string): boolean | undefined {
  const literal = JSON.stringify(value);
  if (literal === undefined) return undefined;
  return judgeCondition(`(${expression}) == ${literal}`, record, before, current);
}
