import { evaluateCel } from '@sopflow/format';

export type ConditionResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Port function: evaluates one CEL expression over plain JSON variables with @sopflow/format's
 * `evaluateCel` (same variable convention as the validator's type-check); never throws.
 */
export function evaluateCondition(expr: string, variables: Record<string, unknown>): ConditionResult {
  const result = evaluateCel(expr, variables);
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: `${result.code}: ${result.message}` };
}
