import type { Block, ListBlock } from '../tree/doc-tree.js';
import { branchingSections } from './branching-flows.js';
import { runsCommandStep } from './how-to-prose.js';
import { blockSentences, blockSpan, hasActionContent, itemDrafts, listDrafts, sectionDrafts } from './draft-helpers.js';
import { namedThingTitles } from './named-thing-headings.js';
import { isImperative, splitSentences } from './sentences.js';
import { type Section, allBlocks, isExcludedKind, isRunbookSection, walkSections } from './sections.js';
import { checklistTableColumn, stepTableColumns } from './step-attributes.js';
import type { Candidate, StepDraft } from './step-draft.js';

/**
 * Pure; procedures made of headings: the sub-sections of a "Procedure"/"Process Steps" section,
 * sequentially numbered sub-sections that ask for action, sections named by an overview list
 * ("1. Preparation … 6. Lessons learned" followed by those sections), and, weakest, three or more
 * sibling sections that each ask for action.
 */
export function findSectionCandidates(root: Section, indexLists: Map<ListBlock, Section[]>): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    if (section.children.length === 0 || isExcludedKind(section.kind)) return;
    const usable = section.children.filter((c) => !isExcludedKind(c.kind));
    const nestedProcedure = usable.some((c) => c.kind === 'procedure' && (c.children.some((g) => !isExcludedKind(g.kind)) || c.blocks.some(isStepContainer)));
    // A runbook's "Diagnosis" with one sub-section is a run of prose (find-prose-candidates), not a procedure of headings.
    if (usable.length === 0 || nestedProcedure || (usable.length === 1 && isRunbookSection(section.title))) return;
    // A section of question prompts ("Which runways are in use? Any closures?") asks the reader to check;
    // "## Restoring it" over a code block runs that command.
    const acting = usable.filter((c) => hasActionContent(allBlocks(c)) || isPromptSection(c) || runsCommandStep(c));
    const labels = usable.map((c) => c.label);
    const numbered = usable.length >= 2 && labels.every((l) => l !== undefined) && isSequence(labels as string[]);
    // Unnumbered headings that each hold their own list of steps group one procedure: the items are
    // the steps, so the headings as steps are only a fallback.
    const grouping = !numbered && usable.filter((c) => allBlocks(c).some(isStepContainer)).length >= 2;
    // "## in the source code repo" / "## on GitHub", each holding a bullet list of instructions, under
    // a procedure heading: the bullets are the steps, the headings say where they are done.
    const bulleted = !numbered && !grouping && section.kind === 'procedure' && usable.filter((c) => c.children.length === 0 && c.blocks.some(isInstructionBullets)).length >= Math.max(2, usable.length * 0.6);
    let priority = 0;
    let steps = usable;
    if (section.kind === 'procedure' && section.level >= 1 && !isDocumentTitle(section, root) && (usable.length >= 2 || acting.length === 1)) priority = 3;
    else if (numbered && acting.length >= usable.length / 2) priority = 2.5;
    // Question headings whose answers send the reader to other headings: a decision flow.
    else if (usable.length >= 2 && branchingSections(usable) >= 2) priority = 2;
    else if (acting.length >= 3 && acting.length >= usable.length * 0.6) { priority = 1; steps = acting; }
    if (priority === 0) return;
    out.push(candidateOf(section, steps, grouping ? 0.5 : priority, bulleted));
  });
  for (const [, sections] of indexLists) {
    const usable = sections.filter((s) => !isExcludedKind(s.kind));
    if (usable.length >= 3) out.push(candidateOf(undefined, usable, 3));
  }
  return out;
}

/** A section whose text is mostly questions to answer: a check to make. */
export function isPromptSection(section: Section): boolean {
  const sentences = blockSentences(section.blocks);
  return sentences.length > 0 && sentences.filter((s) => /\?\s*$/.test(s)).length >= sentences.length * 0.6;
}

/** An ordered list or task list of two or more items, or a table: a procedure of its own. */
function isStepContainer(block: Block): boolean {
  if (block.type === 'list') return block.items.length >= 2 && (block.ordered || block.items.some((i) => i.checked !== undefined));
  return block.type === 'table' && (stepTableColumns(block) !== undefined || checklistTableColumn(block) !== undefined);
}

/** A bullet list whose items are mostly instructions ("- edit the notes", "- tag the repo"). */
function isInstructionBullets(block: Block): boolean {
  return block.type === 'list' && !block.ordered && block.items.length >= 1 && block.items.filter((i) => isImperative(splitSentences(i.text)[0] ?? '')).length >= block.items.length * 0.6;
}

function candidateOf(container: Section | undefined, sections: Section[], priority: number, bulleted = false): Candidate {
  const bullets = (s: Section) => (bulleted ? s.blocks.filter((b): b is ListBlock => isInstructionBullets(b)) : []);
  const named = namedThingTitles(sections);
  const steps = sections.flatMap((s) => (bullets(s).length > 0 ? bullets(s).flatMap((l) => listDrafts(l, 0, 'list-item')) : outlineItems(s) ?? namedDrafts(s, named.get(s))));
  const spans = sections.map((s) => blockSpan([...(s.heading ? [s.heading] : []), ...allBlocks(s)])).filter((x): x is [number, number] => !!x);
  const span: [number, number] = [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
  return { kind: 'sections', priority, title: container?.title ?? '', container, steps, span };
}

/** A section as steps; a heading naming a thing over one instruction is titled by both ("Heroku: Transfer ownership …"). */
function namedDrafts(section: Section, title: string | undefined): StepDraft[] {
  const drafts = sectionDrafts(section, 0);
  if (title && drafts.length === 1) drafts[0].title = title;
  return drafts;
}

/**
 * A section that only groups outline-numbered items ("## 2. Review" holding "2.1 …", "2.2 …"): the
 * items are the steps, keeping their numbers, and the heading is a group name.
 */
function outlineItems(section: Section): StepDraft[] | undefined {
  if (section.children.length > 0) return undefined;
  const lists = section.blocks.filter((b): b is ListBlock => b.type === 'list');
  if (lists.length !== 1 || !lists[0].ordered || section.blocks.some((b) => b.type !== 'list' && b.type !== 'paragraph')) return undefined;
  const markers = lists[0].items.map((i) => i.marker ?? '');
  const prefix = markers[0].replace(/\.\d+$/, '');
  if (!markers.every((m) => /^\d+(\.\d+)+$/.test(m) && m.replace(/\.\d+$/, '') === prefix)) return undefined;
  if (section.label && prefix !== section.label) return undefined;
  return lists[0].items.flatMap((item) => itemDrafts(item, 0, 'list-item'));
}

/** The single top heading of a document is its title, not a procedure container. */
function isDocumentTitle(section: Section, root: Section): boolean {
  return section.level === 1 && root.children.filter((c) => c.level === 1).length === 1 && section.children.some((c) => isExcludedKind(c.kind));
}

/** 1,2,3 or 2.1,2.2,2.3 (a common prefix, last part increasing). */
function isSequence(labels: string[]): boolean {
  const parts = labels.map((l) => l.split('.'));
  const prefix = parts[0].slice(0, -1).join('.');
  let prev = Number.NaN;
  for (const p of parts) {
    if (p.slice(0, -1).join('.') !== prefix) return false;
    const last = Number(p[p.length - 1]);
    if (Number.isNaN(last) || (!Number.isNaN(prev) && last <= prev)) return false;
    prev = last;
  }
  return true;
}
