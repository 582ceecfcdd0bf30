import type { Block, ListBlock } from '../tree/doc-tree.js';
import { branchingItems } from './branching-flows.js';
import { sectionsInParts } from './merge-procedure-parts.js';
import { blockSpan, listDrafts } from './draft-helpers.js';
import { admonitionLists, afterLabel, announcesProcess, announcesRules, announcesSteps, isPassiveStep } from './how-to-prose.js';
import { actsAsRole, doneBy, leadInRole } from './role-lead-ins.js';
import { type Section, isExcludedKind, walkSections } from './sections.js';
import { isActionable, isImperative, roleSubject, splitSentences } from './sentences.js';
import type { Candidate, StepDraft } from './step-draft.js';

/**
 * Pure; procedures made of list items: task lists (`- [ ]`), ordered lists whose items ask for
 * action, and unordered lists of instructions. Lists introduced as examples ("such as:",
 * "examples include:") and tables of contents are not procedures.
 */
export function findListCandidates(root: Section, indexLists: Map<ListBlock, Section[]>): Candidate[] {
  const out: Candidate[] = [];
  const inParts = sectionsInParts(root);
  walkSections(root, (section, parent) => {
    // The body of a policy ("## 2. Breach Policy") is read too; only a policy document keeps what it finds there.
    if (isExcludedKind(section.kind) && !isPolicyBody(section)) return;
    section.blocks.forEach((block, index) => {
      // A numbered list inside an admonition ("!!! note "Steps"") is read as if it stood outside it.
      for (const { list, before, announced } of admonitionLists(block)) {
        const candidate = listCandidate(list, section, before, inParts.has(section), false);
        if (candidate && (candidate.priority >= 2 || announced)) out.push(candidate);
      }
      if (block.type !== 'list' || indexLists.has(block)) return;
      const process = announcesProcess(section.blocks.slice(Math.max(0, index - 2), index));
      const candidate = listCandidate(block, section, section.blocks[index - 1], inParts.has(section), besideNumberedSteps(section, parent), process);
      if (candidate) out.push(candidate);
    });
  });
  return out;
}

/** A section named after the policy itself, whose numbered clauses may carry the procedure. */
export function isPolicyBody(section: Section): boolean {
  return section.kind === 'context' && /\bpolic(?:y|ies)$/i.test(section.title.trim());
}

const CASE = /^(?:if|in case|in the (?:event|case)|where|should|unless|otherwise|or|when\s+\S+(?:\s+\S+){0,6}\s+(?:not|fails?|cannot|can't|is stuck))\b/i;

/** A sibling section holds a numbered list: the procedure is told under several headings ("## Tips" beside it is advice). */
function besideNumberedSteps(section: Section, parent: Section | undefined): boolean {
  if (/\b(?:tips?|advice|hints?|best practices?|do'?s and don'?ts|faqs?|good to know)\b/i.test(section.title)) return false;
  return !!parent?.children.some((c) => c !== section && !isExcludedKind(c.kind) && c.blocks.some((b) => b.type === 'list' && b.ordered && b.items.length >= 2));
}

function listCandidate(list: ListBlock, section: Section, before: Block | undefined, inPart: boolean, besideSteps: boolean, process = false): Candidate | undefined {
  const n = list.items.length;
  if (n === 0) return undefined;
  if (!process && before?.type === 'paragraph' && /\b(such as|for example|e\.g\.|examples? (include|are)|includes?|including|the following (examples|themes|items|criteria|people))\b[^.]*[:,]?\s*$/i.test(before.text) && !list.items.some((i) => i.checked !== undefined)) return undefined;
  // "- **Lights**: Switch off every light": a labelled item instructs after its label.
  const firsts = list.items.map((i) => afterLabel(splitSentences(i.text)[0] ?? ''));
  const imperative = firsts.filter((s) => isImperative(s)).length / n;
  const actionable = firsts.filter((s) => isActionable(s)).length / n;
  const checklist = list.items.some((i) => i.checked !== undefined);
  const role = leadInRole(before);
  let priority = 0;
  if (checklist && n >= 2) priority = 2;
  else if (list.ordered && n >= 2 && Math.max(imperative, actionable) >= 0.5) priority = 2;
  // Numbered questions whose answers send the reader to other numbers: a flowchart written as text.
  else if (list.ordered && n >= 2 && branchingItems(list) >= 2) priority = 2;
  else if (list.ordered && n >= 2 && section.kind === 'procedure') priority = 1.5;
  // "To create a new server, do the following:" + bullets that act: the lead-in says they are the steps.
  else if (!list.ordered && n >= 2 && announcesSteps(before) && actionable >= 0.5) priority = 2;
  // "The typical process … is as follows." + bullets where half act among rules and remarks: the acting items are its steps.
  else if (!list.ordered && n >= 3 && process && firsts.filter(isProcessStep).length / n >= 0.5) priority = 2;
  // "- The Fix Lead will cherry-pick the patches", "- Release managers merge the PRs": roles acting are instructions too.
  else if (!list.ordered && n >= 3 && firsts.filter((f) => isImperative(f) || roleSubject(f) !== undefined).length >= n * 0.7) {
    // "## Rebuild" with bullets between "## Prepare" and "## Finish" with numbers: one procedure under several headings.
    priority = besideSteps && !announcesRules(before) ? 1.5 : section.kind === 'procedure' ? 1.4 : 1.2;
  }
  // "The hiring manager:" + "- creates the accounts request", "- orders a laptop": that role's steps.
  else if (!list.ordered && role && actsAsRole(list, role)) priority = 2;
  // "- If a PDB blocks the drain, patch it …", "- If a webhook blocks it: …", "- Otherwise, …": cases of a procedure section.
  else if (section.kind === 'procedure' && n >= 2 && firsts.filter((f) => CASE.test(f)).length >= n * 0.6) priority = 1.4;
  // Inside "Recovery Phase" / "Part 2" the heading already says it is a procedure: a numbered list
  // where some items act (questions to reflect on and what a system will do do not), or a bullet
  // list where most items act, holds that part's steps.
  else if (inPart && firsts.filter((f) => isActionable(f)).length >= n * (list.ordered ? 0.4 : 0.5) && (list.ordered || n >= 3)) priority = 1.4;
  if (priority === 0) return undefined;
  const from = checklist ? 'checklist' : 'list-item';
  const steps = role && actsAsRole(list, role) ? doneBy(listDrafts(list, 0, from), role) : process && priority === 2 && !list.ordered && !checklist ? actingDrafts(list, from) : listDrafts(list, 0, from);
  const span = blockSpan([list]) ?? [list.source.paragraph, list.source.paragraph];
  return { kind: checklist ? 'checklist' : 'list', priority, title: section.title, container: section, steps, span };
}

/** The items of an announced process that act, as steps; the rules and remarks among them ("Messages that … are ignored") are not. */
function actingDrafts(list: ListBlock, from: StepDraft['from']): StepDraft[] {
  const items = list.items.filter((item) => isProcessStep(afterLabel(splitSentences(item.text)[0] ?? '')));
  return listDrafts({ ...list, items }, 0, from);
}

/** An item of an announced process that does something, actively or in the passive ("Changes are merged to stable"). */
function isProcessStep(sentence: string): boolean {
  return isActionable(sentence) || isPassiveStep(sentence);
}
