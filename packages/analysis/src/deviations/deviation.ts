/** The kinds of difference between what a process prescribes and what a run did. */
export const DEVIATION_KINDS = ['skipped', 'inserted', 'reordered', 'repeated', 'wrong-branch', 'wrong-role', 'late', 'unauthorised'] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];

export interface Deviation {
  kind: DeviationKind;
  runId: string;
  /** The step concerned (for wrong-branch: the step the run went to). */
  nodeId: string;
  /** Position in the run's executed steps, when the deviation is about an executed step. */
  traceIndex?: number;
  /** One sentence saying what happened, with the figures. */
  detail: string;
  /** Stable key for grouping the same deviation across runs, e.g. `skipped:verify-identity`. */
  pattern: string;
  /** Kind-specific facts: the branch condition, the expected role, the overrun in ms, ... */
  data: Record<string, unknown>;
}
