import type { Block, ListBlock } from '../tree/doc-tree.js';
import { isImperative, isRoleName, roleSubject, splitSentences } from './sentences.js';
import type { StepDraft } from './step-draft.js';

// "The hiring manager:", "The incident commander will:", "Team leads should:", "The reviewer is responsible for:".
const LEAD_IN = /^(?:the\s+|each\s+|every\s+|an?\s+)?([A-Za-z][\w/&+ -]{1,50}?)(?:\s+(?:will|shall|must|should|needs? to|has to|have to|(?:is|are) (?:responsible|accountable) for|(?:is|are) to))?\s*:\s*$/i;

/** Pure; the role a paragraph announces a list for ("The hiring manager:" → "hiring manager"), else undefined. */
export function leadInRole(block: Block | undefined): string | undefined {
  if (block?.type !== 'paragraph') return undefined;
  const name = block.text.replace(/\*\*|__/g, '').trim().match(LEAD_IN)?.[1]?.trim();
  return name && isRoleName(name) ? name : undefined;
}

/** Whether most items of a list announced by a role are that role acting ("creates the request", "order a laptop"). */
export function actsAsRole(list: ListBlock, role: string): boolean {
  const firsts = list.items.map((i) => splitSentences(i.text)[0] ?? '');
  const acts = firsts.filter((f) => isImperative(f) || roleSubject(`The ${role} ${f.charAt(0).toLowerCase()}${f.slice(1)}`) !== undefined).length;
  return list.items.length >= 2 && acts >= list.items.length * 0.6;
}

/** The drafts of such a list are done by the role that announced it, unless an item names its own. */
export function doneBy(drafts: StepDraft[], role: string): StepDraft[] {
  for (const d of drafts) if (d.attrs.who.length === 0) d.attrs.who.push(role);
  return drafts;
}
