import type { ListBlock } from '../tree/doc-tree.js';
import { readStepFlow, stepSentences } from './decisions.js';
import { allBlocks, type Section } from './sections.js';

/**
 * Pure; how many items of an ordered list send the reader to another item of the same list ("Item
 * purchase: jump to step 2", "Proceed to step 4"): a flowchart written as numbered text, a
 * procedure even when its items are questions ("Are you in a store or buying online?").
 */
export function branchingItems(list: ListBlock): number {
  const markers = list.items.map((i, n) => i.marker ?? String(n + 1));
  return list.items.filter((item, n) => {
    const { branches } = readStepFlow(stepSentences(item.text, item.children), []);
    return branches.some((b) => b.target !== 'end' && b.target.kind === 'label' && b.target.label !== markers[n] && markers.includes(b.target.label));
  }).length;
}

/**
 * Pure; how many sibling sections send the reader to another of them by number, title or link
 * ("## 2. Is the disk full?" … "If yes, go to step 4" / "go to Free some space"): question
 * headings whose answers are branches.
 */
export function branchingSections(sections: Section[]): number {
  const titles = sections.map((s) => s.title);
  const labels = sections.map((s, n) => s.label ?? String(n + 1));
  return sections.filter((s, n) => {
    const { branches } = readStepFlow(stepSentences('', allBlocks(s)), titles.filter((_, j) => j !== n));
    return branches.some((b) => b.target !== 'end' && (b.target.kind === 'title' || b.target.kind === 'anchor' || (b.target.kind === 'label' && labels.includes(b.target.label) && b.target.label !== labels[n])));
  }).length;
}
