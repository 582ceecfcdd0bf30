import type { ListBlock } from '../tree/doc-tree.js';
import { readStepFlow } from './decisions.js';
import { isProseAside } from './prose-asides.js';
import { isImperative, roleSubject, splitSentences } from './sentences.js';

/** "You will need to send a photo": the instruction after its lead-in. */
export const NEED_TO = /^you(?: will|'ll)? need to\s+/i;

// "The incident commander is responsible for …", "… defaults to the on-call": what a role is, not a step.
const DESCRIBES_ROLE = /\b(?:is|are) (?:responsible|accountable) for\b|\bdefaults? to\b/i;

/**
 * Pure; a sentence of prose that is an instruction of its own (an imperative or a role acting): not
 * "You can do this by …", which explains the one before, nor "If so, go to …", a branch, nor what a
 * role is responsible for.
 */
export function isInstruction(sentence: string): boolean {
  const s = sentence.replace(NEED_TO, '');
  if (!(isImperative(s) || roleSubject(s) !== undefined) || isProseAside(s) || DESCRIBES_ROLE.test(s) || /^(?:you (?:can|could|may) )?do (?:this|so|that)\b/i.test(s)) return false;
  return readStepFlow([{ text: s, links: [] }], []).branches.length === 0;
}

/** Pure; a list among prose that holds steps: a task list, or a list (numbered: half, bulleted: 60 % of its items) of instructions. */
export function holdsSteps(list: ListBlock): boolean {
  if (list.items.length < 2) return false;
  if (list.items.some((i) => i.checked !== undefined)) return true;
  return list.items.filter((i) => isInstruction(splitSentences(i.text)[0] ?? '')).length >= list.items.length * (list.ordered ? 0.5 : 0.6);
}
