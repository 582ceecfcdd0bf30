import type { Block, ListBlock } from '../tree/doc-tree.js';
import { readStepFlow } from './decisions.js';
import { listDrafts } from './draft-helpers.js';
import { isProseAside } from './prose-asides.js';
import { isImperative, roleSubject, splitSentences } from './sentences.js';
import type { StepDraft } from './step-draft.js';

/**
 * Pure; the steps a heading that names a group ("## Data retention", "## Copy-and-paste") lists
 * under it, under sub-headings or not: the items of its numbered lists, task lists and lists of
 * instructions, as its sub-steps; every other block stays its body. Undefined when it lists fewer
 * than two (prose sentences under such headings were tried too: more steps found, far more that
 * outlines do not hold).
 */
export function headingContents(blocks: Block[], depth: number): { subs: StepDraft[]; body: Block[] } | undefined {
  const subs: StepDraft[] = [];
  const body: Block[] = [];
  for (const block of blocks) {
    if (block.type === 'list' && actingList(block)) subs.push(...listDrafts(block, depth, 'list-item'));
    else if (block.type !== 'heading') (subs.length > 0 ? subs[subs.length - 1].body : body).push(block);
  }
  for (const d of subs) d.inHeading = true;
  return subs.length >= 2 ? { subs, body } : undefined;
}

// "The incident commander is responsible for …", "… defaults to the on-call": what a role is, not a step.
const DESCRIBES_ROLE = /\b(?:is|are) (?:responsible|accountable) for\b|\bdefaults? to\b/i;

function instructs(sentence: string): boolean {
  if (!(isImperative(sentence) || roleSubject(sentence) !== undefined) || isProseAside(sentence) || DESCRIBES_ROLE.test(sentence)) return false;
  return readStepFlow([{ text: sentence, links: [] }], []).branches.length === 0;
}

/** A task list, or a list (numbered: half, bulleted: 60 % of its items) of instructions. */
function actingList(list: ListBlock): boolean {
  if (list.items.length < 2) return false;
  if (list.items.some((i) => i.checked !== undefined)) return true;
  return list.items.filter((i) => instructs(splitSentences(i.text)[0] ?? '')).length >= list.items.length * (list.ordered ? 0.5 : 0.6);
}
