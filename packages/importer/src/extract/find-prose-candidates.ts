import { sentenceTitle } from './draft-helpers.js';
import { SEQUENCE_START, instructionCore, isHowToStep, readHowTo } from './how-to-prose.js';
import { isProseAside } from './prose-asides.js';
import { type Section, allBlocks, isExcludedKind, isRunbookSection, walkSections } from './sections.js';
import { isImperative, roleSubject, splitSentences } from './sentences.js';
import { emptyAttributes, type Candidate, type StepDraft } from './step-draft.js';


function sequenced(section: Section): number {
  return section.blocks.flatMap((b) => (b.type === 'paragraph' ? splitSentences(b.text) : [])).filter((s) => SEQUENCE_START.test(s)).length;
}

/**
 * Pure; a procedure written as prose in a "Procedure" section: each instruction (imperative, or a
 * role doing something) is a step; other sentences describe the step before them. Elsewhere, a
 * paragraph narrating three or more steps in sequence ("First, … Then, … Finally, …") is one too.
 */
export function findProseCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    // A runbook's "Diagnosis" with a sub-section ("### General health") is still one run of prose.
    const runbookWithParts = isRunbookSection(section.title) && section.children.length > 0;
    if (isExcludedKind(section.kind) || (section.children.length > 0 && !runbookWithParts)) return;
    // Outside a procedure section only a narrated sequence counts: "First, … Then, … Finally, …".
    const howTo = section.kind !== 'procedure' ? readHowTo(section) : undefined;
    const narrated = section.kind !== 'procedure' && !howTo;
    // A runbook's diagnosis narrates what the system does ("The controller logs …"): only instructions are steps.
    const runbook = isRunbookSection(section.title);
    if (narrated && sequenced(section) < 3) return;
    const steps: StepDraft[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    for (const block of runbookWithParts ? allBlocks(section).filter((b) => b.type !== 'heading') : section.blocks) {
      // "To restore the dump, run:" + a code block: the command is the step's action.
      if (block.type === 'code' && steps.length > 0 && !narrated && (!howTo || block.source.paragraph <= howTo.to + 1)) steps[steps.length - 1].body.push(block);
      if (block.type !== 'paragraph') continue;
      for (const sentence of splitSentences(block.text)) {
        const core = runbook ? (isImperative(sentence) ? sentence : undefined) : instructionCore(sentence);
        const acts = !isProseAside(sentence) && (howTo ? isHowToStep(sentence, block.source.paragraph, howTo) : core !== undefined);
        const within = !howTo || (block.source.paragraph >= howTo.from && block.source.paragraph <= howTo.to);
        if (narrated ? SEQUENCE_START.test(sentence) : acts) {
          steps.push({
            title: sentenceTitle(narrated ? sentence : core ?? sentence), anchors: [], from: 'prose', lead: sentence, body: [], attrs: emptyAttributes(), depth: 0,
            source: { ...block.source, text: sentence.slice(0, 160) },
          });
          lo = Math.min(lo, block.source.paragraph);
          hi = Math.max(hi, block.source.paragraph);
        } else if (steps.length > 0 && ((!narrated && within) || steps[steps.length - 1].source.paragraph === block.source.paragraph)) {
          const last = steps[steps.length - 1];
          last.lead = `${last.lead} ${sentence}`;
        }
      }
    }
    // A runbook section says it holds the steps; headings such as "Meaning" and "Impact" do not.
    if (steps.length >= 2) out.push({ kind: 'prose', priority: narrated ? 0.9 : runbook ? 1.3 : howTo ? 1.5 : 1, title: section.title, container: section, steps, span: [lo, hi] });
  });
  return out;
}
