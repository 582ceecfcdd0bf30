import type { EdgeMode } from '@sopflow/format';

/** One change synthesis made, with the evidence for it. */
export interface SynthesisChange {
  kind: 'ordered' | 'parallelise' | 'loop' | 'optional' | 'drop-step' | 'drop-branch' | 'add-check' | 'mark-delegable';
  nodes: string[];
  message: string;
  evidence: { count: number; of: number; runIds: string[] };
}

/**
 * One safety element of the base process the draft no longer has: a person must confirm it
 * before the draft is used. Synthesis never removes approvals or failure paths itself; any
 * removal at all is listed here, never silent.
 */
export interface SynthesisRemoval {
  kind: 'step' | 'branch' | 'approval_gate' | 'failure_edge' | 'risk_flag' | 'auth_level' | 'role' | 'runtime' | 'parallel';
  nodes: string[];
  /** The edge removed, for `failure_edge` and `branch`. */
  edge?: { from: string; to: string; mode: EdgeMode; when?: string };
  message: string;
  evidence: SynthesisChange['evidence'];
}

/** Pure; a short list of run ids for a rationale line ("r1, r2, r3 and 4 more"; "none" for no run). */
export function citeRuns(runIds: readonly string[], max = 6): string {
  if (runIds.length === 0) return 'none';
  if (runIds.length <= max) return runIds.join(', ');
  return `${runIds.slice(0, max).join(', ')} and ${runIds.length - max} more`;
}
