import type { Block } from '../tree/doc-tree.js';
import { readStepFlow, stepSentences } from './decisions.js';
import type { Candidate } from './step-draft.js';

/**
 * Pure; a paragraph right after a step list that branches ("If the expiry date did not change, go
 * back to step 2.") belongs to the list's last step, and one right before it ("If the domain renews
 * itself, skip to step 3.") to its first step, one whose condition names a step ("If step 2 fails, …")
 * to that step: their text joins that step's body, so its branches
 * are read there. Paragraphs that branch nowhere, and procedures not made of a list, are left alone.
 */
export function withBranchesBeside(candidate: Candidate): Candidate {
  const blocks = candidate.container?.blocks;
  if (!blocks || (candidate.kind !== 'list' && candidate.kind !== 'checklist') || candidate.steps.length < 2) return candidate;
  const [from, to] = candidate.span;
  const inside = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'list' && b.source.paragraph >= from && b.source.paragraph <= to);
  if (inside.length === 0) return candidate;
  const titles = candidate.steps.map((s) => s.title);
  const branches = (b: Block | undefined): boolean => b?.type === 'paragraph'
    && readStepFlow(stepSentences(b.text, []), titles).branches.some((x) => x.when !== 'always' && x.target !== 'end' && x.target.kind === 'label');
  const after: Block[] = [];
  for (let i = inside[inside.length - 1].i + 1; i < blocks.length && after.length < 2 && branches(blocks[i]); i++) after.push(blocks[i]);
  const before = branches(blocks[inside[0].i - 1]) ? [blocks[inside[0].i - 1]] : [];
  if (after.length === 0 && before.length === 0) return candidate;
  const last = candidate.steps.map((s, i) => ({ s, i })).filter(({ s }) => s.depth === 0).pop()!.i;
  const steps = candidate.steps.map((s, i) => (i === 0 && before.length ? { ...s, body: [...before, ...s.body] } : s));
  for (const p of after) {
    // "If step 2 fails, …" belongs to step 2.
    const named = p.type === 'paragraph' ? p.text.match(/^(?:if|when|should|in case)\b[^,]{0,60}?\bsteps?\s+(\d{1,3})\b/i)?.[1] : undefined;
    const top = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.depth === 0);
    const at = named ? (top.find(({ s }) => s.label === named) ?? top[Number(named) - 1])?.i ?? last : last;
    steps[at] = { ...steps[at], body: [...steps[at].body, p] };
  }
  return { ...candidate, steps };
}
