import type { TrialResult } from '@sopflow/analysis';
import { ServiceError } from '../service-error.js';

/** Trials stated as JSON text (`[{"nodeId": "...", "agreed": true, "at": "..."}]`); malformed text is `invalid_input` naming the trial. */
export function readTrials({ name, text }: { name: string; text: string }): TrialResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ServiceError('invalid_input', `${name}: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ServiceError('invalid_input', `${name}: trials must be a JSON list`);
  return value.map((t: unknown, i) => {
    const trial = t as Partial<TrialResult> | null;
    if (typeof trial !== 'object' || trial === null || typeof trial.nodeId !== 'string' || typeof trial.agreed !== 'boolean') {
      throw new ServiceError('invalid_input', `${name}: trial ${i + 1} needs "nodeId" (text) and "agreed" (true or false)`);
    }
    return { nodeId: trial.nodeId, agreed: trial.agreed, ...(typeof trial.at === 'string' ? { at: trial.at } : {}) };
  });
}
