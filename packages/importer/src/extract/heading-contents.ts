import type { Block } from '../tree/doc-tree.js';
import { listDrafts } from './draft-helpers.js';
import { holdsSteps } from './prose-instructions.js';
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
    if (block.type === 'list' && holdsSteps(block)) subs.push(...listDrafts(block, depth, 'list-item'));
    else if (block.type !== 'heading') (subs.length > 0 ? subs[subs.length - 1].body : body).push(block);
  }
  for (const d of subs) d.inHeading = true;
  return subs.length >= 2 ? { subs, body } : undefined;
}
