import type { RunStatus, StepStatus } from './run-record.js';
import { RUN_STATUSES, STEP_STATUSES } from './run-record.js';

const SYNONYMS: Record<string, string> = {
  TIMED_OUT: 'TIMEOUT', SUCCESS: 'COMPLETED', SUCCEEDED: 'COMPLETED', DONE: 'COMPLETED', COMPLETE: 'COMPLETED',
  CANCELED: 'CANCELLED', ABORTED: 'CANCELLED', ERRORED: 'ERROR', IN_PROGRESS: 'RUNNING', STARTED: 'RUNNING',
};

/** Pure; a run status word in any case or published spelling, or undefined when unknown. */
export function normaliseRunStatus(word: string): RunStatus | undefined {
  const upper = word.trim().toUpperCase();
  const canonical = SYNONYMS[upper] ?? upper;
  if (canonical === 'ERROR') return 'FAILED';
  return (RUN_STATUSES as readonly string[]).includes(canonical) ? (canonical as RunStatus) : undefined;
}

/** Pure; a step status word, or COMPLETED/RUNNING when absent (ended or not); undefined when unknown. */
export function normaliseStepStatus(word: unknown, ended: boolean): StepStatus | undefined {
  if (typeof word !== 'string' || word.trim() === '') return ended ? 'COMPLETED' : 'RUNNING';
  const upper = word.trim().toUpperCase();
  const canonical = SYNONYMS[upper] ?? upper;
  return (STEP_STATUSES as readonly string[]).includes(canonical) ? (canonical as StepStatus) : undefined;
}

const DENIED = /^(reject|rejected|deny|denied|declined|refused|no)$/i;

/** Pure; whether a person's recorded verdict refused the step ("denied", "rejected", "no", ...), or the engine failed it with AUTH_DENIED. */
export function isDenied(step: { decision?: string; error?: { code?: string } }): boolean {
  return (step.decision !== undefined && DENIED.test(step.decision.trim())) || step.error?.code === 'AUTH_DENIED';
}
