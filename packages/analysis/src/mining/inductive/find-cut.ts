import type { TreeOperator } from '../process-tree.js';
import type { ImContext, ImData, Uvcl } from './im-log.js';
import { findXorCut, projectXor } from './cut-xor.js';
import { findSequenceCut, projectSequence } from './cut-sequence.js';
import { findConcurrencyCut, projectConcurrency } from './cut-concurrency.js';
import { findLoopCut, projectLoop } from './cut-loop.js';

export interface Cut {
  readonly operator: TreeOperator;
  readonly logs: Uvcl[];
}

/** The first cut that holds on the data's DFG, in PM4Py's order (xor, strict sequence, concurrency, loop). */
export function findImCut(ctx: ImContext, data: ImData): Cut | null {
  const xor = findXorCut(ctx, data);
  if (xor) return { operator: 'xor', logs: projectXor(data.log, xor) };
  const seq = findSequenceCut(ctx, data);
  if (seq && seq.length > 1) return { operator: 'sequence', logs: projectSequence(data.log, seq) };
  const par = findConcurrencyCut(ctx, data);
  if (par) return { operator: 'parallel', logs: projectConcurrency(data.log, par) };
  const loop = findLoopCut(ctx, data);
  if (loop) return { operator: 'loop', logs: projectLoop(data.log, loop) };
  return null;
}
