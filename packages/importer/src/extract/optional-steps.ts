import type { ImportedDecision } from '../import-result.js';
import type { StepDraft } from './step-draft.js';
import { skipCondition } from './step-references.js';

/** A branch around a step that is done only under a condition: from the step before it to the step after it. */
export interface SkipBranch {
  /** 0-based index of the step that decides. */
  from: number;
  decision: ImportedDecision;
}

// "## If the test is flaky", "3. In case of a real failure:", "### Otherwise": a step that is only the condition of what it holds.
const CASE_TITLE = /^(?:(?:if|when|whenever|in case(?: of)?|in the (?:event|case) (?:of|that)|where|unless)\s+([^,;]{3,120}?)|(otherwise|else|in (?:all )?other cases|in any other case))\s*[:?.]?$/i;

const CONDITIONAL_START = /^(?:if|when|whenever|in case|in the (?:event|case)|where|unless|otherwise|else|or)\b/i;

/** The condition a step's title is and nothing else ("If the test is flaky" → "the test is flaky"), or `undefined`. */
export function caseCondition(d: StepDraft): string | undefined {
  if (d.from === 'checklist') return undefined;
  const text = (d.titleText ?? d.title).replace(/\*\*|__/g, '').trim();
  // A list item is a case only when it introduces what it holds ("If the failure is real:" and sub-items).
  if (d.from !== 'heading' && !(/:$/.test(text) || (d.lead === '' && d.body.length > 0 && /:\s*$/.test(d.source.text ?? '')))) return undefined;
  const m = text.match(CASE_TITLE);
  // "If the pod is stuck you can try patching it": a condition and its instruction, without a comma.
  if (!m || /\b(?:you|then|try|please)\b/i.test(m[1] ?? '')) return undefined;
  if (m[2]) return 'otherwise';
  return /^unless\b/i.test(text) ? `not (${m[1].trim()})` : m[1].trim();
}

/**
 * Pure; steps that are each a case ("## If the test is flaky", "## If the failure is real"): the
 * step before them branches to each case under its condition, and each case but the last goes on
 * past the others when done (from its last sub-step). A single case is skipped when its condition
 * does not hold, like an "Only if" step.
 */
function caseBranches(drafts: StepDraft[]): SkipBranch[] {
  const top = drafts.map((d, i) => ({ d, i, when: d.depth === 0 ? caseCondition(d) : undefined })).filter((x) => x.d.depth === 0);
  const out: SkipBranch[] = [];
  for (let t = 0; t < top.length; t++) {
    if (!top[t].when) continue;
    const start = t;
    let end = t;
    while (end + 1 < top.length && top[end + 1].when) end++;
    const group = top.slice(t, end + 1);
    const after = top[end + 1] ? top[end + 1].i + 1 : 'end';
    const before = start > 0 ? top[start - 1].i : undefined;
    t = end;
    if (group.length === 1) {
      const when = group[0].when!;
      // Beside other conditional items ("If a PDB blocks it, patch it") the case is one of a list of cases, not a step to skip.
      const beside = [top[start - 1]?.d, top[end + 1]?.d].some((x) => x && CONDITIONAL_START.test((x.titleText ?? x.title).replace(/\*\*|__/g, '').trim()));
      if (before !== undefined && when !== 'otherwise' && !beside) out.push({ from: before, decision: { when: /^not \(/.test(when) ? when.slice(5, -1) : `not (${when})`, goto: after } });
      continue;
    }
    if (before !== undefined) for (const c of group) out.push({ from: before, decision: { when: c.when!, goto: c.i + 1 } });
    // The last draft of each case but the last (its deepest sub-step) jumps past the other cases.
    group.slice(0, -1).forEach((_, k) => out.push({ from: group[k + 1].i - 1, decision: { when: 'always', goto: after } }));
  }
  return out;
}

/**
 * Pure; "(optional) Rebuild the index" and "Only if the box is over 50 GB, request a slot" are
 * skipped under a condition: the top-level step before each one branches past it (to the next
 * top-level step, or the end). A first step has no step before it and gets no branch; checklist
 * items get none. Steps that are each a case of a condition branch as caseBranches says.
 */
export function skipBranches(drafts: StepDraft[]): SkipBranch[] {
  const top = drafts.map((d, i) => ({ d, i })).filter((x) => x.d.depth === 0);
  const out: SkipBranch[] = [];
  top.forEach(({ d }, t) => {
    // A checklist's optional check is simply optional: checks are ticked, not followed as a path.
    if (t === 0 || d.from === 'checklist') return;
    // The step's own words and the paragraphs under it ("If you already have a key, skip this step.").
    const own = [d.source.text || d.titleText || d.title, d.lead, ...d.body.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))].filter(Boolean).join('\n');
    const when = skipCondition(own);
    if (!when) return;
    const after = top[t + 1];
    out.push({ from: top[t - 1].i, decision: { when, goto: after ? after.i + 1 : 'end' } });
  });
  return [...out, ...caseBranches(drafts)];
}
