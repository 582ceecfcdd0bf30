import type { Block, ParagraphBlock } from '../tree/doc-tree.js';
import { listDrafts, sentenceTitle } from './draft-helpers.js';
import { holdsSteps, isInstruction } from './prose-instructions.js';
import { splitSentences } from './sentences.js';
import { emptyAttributes, type StepDraft } from './step-draft.js';

/**
 * Pure; the steps a heading that names a group ("## Data retention", "## Copy-and-paste") lists
 * under it, under sub-headings or not: the items of its numbered lists, task lists and lists of
 * instructions, and — when its paragraphs read as instructions (at least two, and at least half of
 * their sentences) — each instruction sentence of them, as its sub-steps; the sentences after an
 * instruction describe it and the blocks after it (commands, notes) are its body. A numbered
 * heading ("4.2 Monthly calibration") is a step of its own: its paragraphs describe it. Undefined
 * when it lists fewer than two.
 */
export function headingContents(blocks: Block[], depth: number, numbered = false): { subs: StepDraft[]; body: Block[] } | undefined {
  const subs: StepDraft[] = [];
  const body: Block[] = [];
  const prose = !numbered && readsAsInstructions(blocks);
  for (const block of blocks) {
    if (block.type === 'list' && holdsSteps(block)) subs.push(...listDrafts(block, depth, 'list-item'));
    else if (block.type === 'paragraph' && prose) subs.push(...paragraphSteps(block, depth, subs[subs.length - 1], body));
    else if (block.type !== 'heading') (subs.length > 0 ? subs[subs.length - 1].body : body).push(block);
  }
  for (const d of subs) d.inHeading = true;
  return subs.length >= 2 ? { subs, body } : undefined;
}

/** Paragraphs that are mostly instructions ("Make sure there is space::", "Create the volume::"), not a description with one aside. */
function readsAsInstructions(blocks: Block[]): boolean {
  const sentences = blocks.flatMap((b) => (b.type === 'paragraph' ? splitSentences(b.text) : []));
  const instructions = sentences.filter(isInstruction).length;
  return instructions >= 2 && instructions >= sentences.length * 0.67;
}

/** A paragraph's instruction sentences as steps; its other sentences describe the step before them (or the heading). */
function paragraphSteps(block: ParagraphBlock, depth: number, previous: StepDraft | undefined, headingBody: Block[]): StepDraft[] {
  const out: StepDraft[] = [];
  const lead: string[] = [];
  for (const sentence of splitSentences(block.text)) {
    if (isInstruction(sentence)) {
      out.push({
        title: sentenceTitle(sentence), titleText: sentence, anchors: [], from: 'prose', lead: '', body: [], attrs: emptyAttributes(), depth,
        source: { ...block.source, text: sentence.slice(0, 160) },
      });
      continue;
    }
    const last = out[out.length - 1];
    if (last) last.lead = `${last.lead} ${sentence}`.trim();
    else lead.push(sentence);
  }
  if (lead.length > 0) {
    const described = { ...block, text: lead.join(' ') };
    (previous ? previous.body : headingBody).push(described);
  }
  return out;
}
