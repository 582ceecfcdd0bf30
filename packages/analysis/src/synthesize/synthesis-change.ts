/** One change synthesis made, with the evidence for it. */
export interface SynthesisChange {
  kind: 'ordered' | 'parallelise' | 'loop' | 'optional' | 'drop-step' | 'drop-branch' | 'add-check' | 'mark-delegable';
  nodes: string[];
  message: string;
  evidence: { count: number; of: number; runIds: string[] };
}

/** Pure; a short list of run ids for a rationale line ("r1, r2, r3 and 4 more"). */
export function citeRuns(runIds: readonly string[], max = 6): string {
  if (runIds.length <= max) return runIds.join(', ');
  return `${runIds.slice(0, max).join(', ')} and ${runIds.length - max} more`;
}
