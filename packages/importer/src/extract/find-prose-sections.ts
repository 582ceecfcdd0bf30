import type { Block } from '../tree/doc-tree.js';
import { blockSpan, listDrafts, sentenceTitle } from './draft-helpers.js';
import { NEED_TO, holdsSteps, isInstruction } from './prose-instructions.js';
import { actsAsRole, doneBy, leadInRole } from './role-lead-ins.js';
import { type Section, isExcludedKind, walkSections } from './sections.js';
import { isImperative, splitSentences } from './sentences.js';
import { emptyAttributes, slugify, type Candidate, type StepDraft } from './step-draft.js';

/**
 * Pure; a procedure written as paragraphs under several headings ("## Register" → "Go to the portal
 * and register …", "## Forms" → "Fill out the form …"): every instruction sentence is a step, the
 * sentences after it describe it and the blocks after it (lists, code, notes) are its body. Only
 * when instructions are at least 40 % of the sentences, spread over two or more sections, and
 * outnumber the items of the numbered lists and task lists among them — otherwise those lists are
 * the procedure. What precedes the first sub-heading is an introduction. A numbered list, task
 * list or list of instructions among them holds steps too ("## Containment" + "1. Revoke …"): its
 * items are steps where their section has given no instruction yet, else sub-steps of the one before.
 */
export function findProseSectionCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    const parts = section.children.filter((c) => !isExcludedKind(c.kind));
    if (parts.length < 2 || isExcludedKind(section.kind)) return;
    // What comes before the first sub-heading introduces the procedure.
    const candidate = proseAcross(section, parts.flatMap(flatten));
    if (candidate) out.push(candidate);
  });
  return out;
}

// "_Note: each module takes an hour._", "Optional: download the certificate": an aside, not a step.
const ASIDE = /^[_*\s]*(?:note|notes|tip|optional|warning|important|caution|hint|n\.b)\b\s*:/i;

interface Part { section: Section; blocks: Block[] }

function flatten(section: Section): Part[] {
  return [{ section, blocks: section.blocks }, ...section.children.filter((c) => !isExcludedKind(c.kind)).flatMap(flatten)];
}

function proseAcross(container: Section, parts: Part[]): Candidate | undefined {
  const steps: StepDraft[] = [];
  const acting = new Set<Section>();
  let sentences = 0;
  let listItems = 0;
  let fromProse = 0;
  for (const { section, blocks } of parts) {
    let firstInSection = true;
    // The heading titles the section's first step only: after its list, a later sentence is not the heading's action.
    let untitled = true;
    // "**5. Mark resolved**" over run-in parts ("**Pending tab:** …") only: the numbered heading is a step of its own.
    if (blocks.length === 0 && section !== container && section.label !== undefined && isImperative(section.title)) steps.push(headingStep(section));
    blocks.forEach((block, index) => {
      if (block.type === 'list' && (block.ordered || block.items.some((i) => i.checked !== undefined))) listItems += block.items.length;
      // "The hiring manager:" + "- orders a laptop": that role's steps.
      const role = leadInRole(blocks[index - 1]);
      if (block.type === 'list' && role && actsAsRole(block, role)) {
        steps.push(...doneBy(listDrafts(block, firstInSection || steps.length === 0 ? 0 : 1, 'list-item'), role));
        untitled = false;
        return;
      }
      if (block.type === 'list' && holdsSteps(block)) {
        // "### 3. File the tracking issue" over "1. Click … 2. Select …": a numbered action heading is the step, its list the sub-steps.
        if (firstInSection && section !== container && section.label !== undefined && isImperative(section.title)) {
          steps.push(headingStep(section));
          firstInSection = false;
        }
        steps.push(...listDrafts(block, firstInSection || steps.length === 0 ? 0 : 1, 'list-item'));
        untitled = false;
        return;
      }
      // "*If you have no account:*" introduces what follows and "Note: …" is an aside: neither is an instruction.
      // "Create the volume:" over a command is one: the command is its action.
      const runsCommand = block.type === 'paragraph' && blocks[index + 1]?.type === 'code';
      if (block.type !== 'paragraph' || (/:\s*[*_]*\s*$/.test(block.text) && !runsCommand) || ASIDE.test(block.text)) {
        if (steps.length > 0) steps[steps.length - 1].body.push(block);
        return;
      }
      for (const sentence of splitSentences(block.text)) {
        sentences++;
        if (!isInstruction(sentence)) {
          if (steps.length > 0) steps[steps.length - 1].lead += ` ${sentence}`;
          continue;
        }
        acting.add(section);
        fromProse++;
        // "## Register with the portal" → "Go to the portal and …": the heading says what its first instruction does.
        const named = firstInSection && untitled && isImperative(section.title);
        steps.push({
          title: named ? section.title : sentenceTitle(sentence.replace(NEED_TO, '')), titleText: named ? section.title : sentence, anchors: [], from: 'prose',
          lead: named ? sentence : '', body: [], attrs: emptyAttributes(), depth: 0, source: { ...block.source, text: sentence.slice(0, 160) },
        });
        firstInSection = false;
      }
    });
  }
  for (const step of steps) step.lead = step.lead.trim();
  // Sections holding one instruction each are steps by their headings; prose wins when they hold several.
  // The prose carries the procedure (the lists among it only join it).
  if (fromProse < 4 || acting.size < 2 || fromProse < acting.size * 1.5 || fromProse < sentences * 0.4 || fromProse < listItems) return undefined;
  const span = blockSpan(parts.flatMap((p) => p.blocks));
  if (!span) return undefined;
  return { kind: 'prose', priority: 2.1, title: container.title, container, steps, span };
}

/** A numbered action heading as a step of its own ("### 2. Rotate the keys"). */
function headingStep(section: Section): StepDraft {
  const heading = section.heading!;
  return { title: section.title, anchors: [slugify(heading.text)], from: 'heading', lead: '', body: [], attrs: emptyAttributes(), depth: 0, label: section.label, source: heading.source };
}
