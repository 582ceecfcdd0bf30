import type { ImportedDecision } from '../import-result.js';
import type { StepDraft } from './step-draft.js';
import { skipCondition } from './step-references.js';

/** A branch around a step that is done only under a condition: from the step before it to the step after it. */
export interface SkipBranch {
  /** 0-based index of the step that decides. */
  from: number;
  decision: ImportedDecision;
}

/**
 * Pure; "(optional) Rebuild the index" and "Only if the box is over 50 GB, request a slot" are
 * skipped under a condition: the top-level step before each one branches past it (to the next
 * top-level step, or the end). A first step has no step before it and gets no branch; checklist
 * items get none.
 */
export function skipBranches(drafts: StepDraft[]): SkipBranch[] {
  const top = drafts.map((d, i) => ({ d, i })).filter((x) => x.d.depth === 0);
  const out: SkipBranch[] = [];
  top.forEach(({ d }, t) => {
    // A checklist's optional check is simply optional: checks are ticked, not followed as a path.
    if (t === 0 || d.from === 'checklist') return;
    const when = skipCondition(d.source.text || d.titleText || d.title);
    if (!when) return;
    const after = top[t + 1];
    out.push({ from: top[t - 1].i, decision: { when, goto: after ? after.i + 1 : 'end' } });
  });
  return out;
}
