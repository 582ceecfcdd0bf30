import { sentenceTitle } from './draft-helpers.js';
import { type Section, walkSections } from './sections.js';
import { isImperative, roleSubject, splitSentences } from './sentences.js';
import { emptyAttributes, type Candidate, type StepDraft } from './step-draft.js';

/**
 * Pure; a procedure written as prose in a "Procedure" section: each instruction (imperative, or a
 * role doing something) is a step; other sentences describe the step before them.
 */
export function findProseCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    if (section.kind !== 'procedure' || section.children.length > 0) return;
    const steps: StepDraft[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    for (const block of section.blocks) {
      if (block.type !== 'paragraph') continue;
      for (const sentence of splitSentences(block.text)) {
        if (isImperative(sentence) || roleSubject(sentence) !== undefined) {
          steps.push({
            title: sentenceTitle(sentence), anchors: [], from: 'prose', lead: sentence, body: [], attrs: emptyAttributes(), depth: 0,
            source: { ...block.source, text: sentence.slice(0, 160) },
          });
          lo = Math.min(lo, block.source.paragraph);
          hi = Math.max(hi, block.source.paragraph);
        } else if (steps.length > 0) {
          const last = steps[steps.length - 1];
          last.lead = `${last.lead} ${sentence}`;
        }
      }
    }
    if (steps.length >= 2) out.push({ kind: 'prose', priority: 1, title: section.title, container: section, steps, span: [lo, hi] });
  });
  return out;
}
