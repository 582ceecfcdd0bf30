import type { RunRecord } from '../records/run-record.js';
import type { TrialResult } from './step-evidence.js';

/**
 * Pure; delegation trials read from records: sopflow's engine writes, for a step in `trialing`,
 * `shadow: { output, agreement }` (0..1: how far the agent's shadow output agreed with the person's).
 * Each such step is one trial, agreed when `agreement` ≥ `threshold` (default 0.9).
 */
export function trialsFromRecords(records: readonly RunRecord[], threshold = 0.9): TrialResult[] {
  const trials: TrialResult[] = [];
  for (const record of records) {
    for (const step of record.steps) {
      const shadow = step.extra.shadow;
      if (shadow === null || typeof shadow !== 'object') continue;
      const agreement = (shadow as { agreement?: unknown }).agreement;
      if (typeof agreement === 'number' && Number.isFinite(agreement)) trials.push({ nodeId: step.nodeId, agreed: agreement >= threshold });
      else if (typeof agreement === 'boolean') trials.push({ nodeId: step.nodeId, agreed: agreement });
    }
  }
  return trials;
}
