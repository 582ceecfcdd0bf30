import type { Block, ListBlock } from '../tree/doc-tree.js';
import { type Section } from './sections.js';
import { isImperative, roleSubject, splitSentences, stripLeadIn } from './sentences.js';

/**
 * Pure; how handbook and how-to pages write a procedure as prose, without a "Procedure" heading:
 * under a heading that asks how ("How do I reset my token?"), as instructions told in sequence
 * ("The engineer should first open an issue … Next, remove … Finally, close …"), or as
 * instructions that each introduce the command shown right after them ("To stop the workers,
 * run:" + a code block).
 */
export function readHowTo(section: Section): HowToReading | undefined {
  let commands = 0;
  const sequencedAt: number[] = [];
  section.blocks.forEach((block, i) => {
    if (block.type !== 'paragraph') return;
    const sentences = splitSentences(block.text);
    if (sentences.some(isSequenced)) sequencedAt.push(block.source.paragraph);
    if (introducesCode(sentences[sentences.length - 1] ?? '', section.blocks[i + 1])) commands++;
  });
  if (HOW_HEADING.test(section.title.replace(/\*\*/g, '').trim()) || commands >= 2) return { sequence: false, from: -Infinity, to: Infinity };
  const count = section.blocks.flatMap((b) => (b.type === 'paragraph' ? splitSentences(b.text) : [])).filter(isSequenced).length;
  return count >= 2 ? { sequence: true, from: Math.min(...sequencedAt), to: Math.max(...sequencedAt) } : undefined;
}

/**
 * How a how-to section's prose is read: every instruction is a step; when only its sequence words
 * mark it ("first … then … finally"), the procedure runs from the first to the last paragraph told
 * in sequence (an introduction before it and a closing remark after it are not steps), and an
 * instruction under a condition ("If the alarm is on, call …") describes the step before it.
 */
export interface HowToReading {
  sequence: boolean;
  /** First and last paragraph index (source pointer) of the procedure. */
  from: number;
  to: number;
}

/** Whether a sentence of a how-to section at this paragraph is a step of it. */
export function isHowToStep(sentence: string, paragraph: number, reading: HowToReading): boolean {
  if (paragraph < reading.from || paragraph > reading.to) return false;
  // "Then, the barista wipes the counters": told in sequence, a step whoever does it.
  if (reading.sequence && SEQUENCE_START.test(sentence.trim())) return true;
  if (instructionCore(sentence) === undefined) return false;
  return !reading.sequence || isSequenced(sentence) || !CONDITION.test(sentence.trim());
}

/** A sentence opening with a sequence word: "First, …", "Then …", "Finally, …". */
export const SEQUENCE_START = /^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|after that|afterwards|subsequently|finally|lastly|to begin|to finish)\b/i;

const CONDITION = /^(?:if|when|whenever|should|unless|in case|where)\b/i;

/** An instruction told in sequence: "The engineer should first …", "Next, remove …", "Once it is gone, close …". */
function isSequenced(sentence: string): boolean {
  const core = instructionCore(sentence);
  return core !== undefined && ([sentence, core].some((t) => SEQUENCE_WORD.test(t.slice(0, 40))) || COMPLETED.test(sentence.trim()));
}

/** "When the jobs finish, review …", "When the form is complete, send …": the moment the step before ends, not a condition. */
const COMPLETED = /^when\s+(?:the|your|all|every|each|this|that|it|they|you)\b[^,]{0,60}?\b(?:finish(?:es|ed)?|complete[sd]?|(?:is|are|has been|have been) (?:complete|completed|done|finished|ready|over|approved|signed|received|merged|deployed)|ends?|arrives?|returns?|(?:is|are) back|come[s]? back)\s*,/i;

/** "How do I enable …?", "How can we restore …", "How should you report …": a heading that asks for a procedure. */
const HOW_HEADING = /^how (?:do|can|should|would) (?:i|we|you)\b|^how (?:is|are) \S+(?: \S+){0,4} (?:done|made|created|requested|handled|set up)\??$/i;

/** "first", "then", "next", "finally", "once …", "after …", "at this point", a leading "And" early in a sentence: an instruction told in sequence. */
const SEQUENCE_WORD = /(?:^|[\s,])(?:first(?:ly)?|then|next|finally|lastly|afterwards|after that|subsequently|once|after|at this (?:point|time|stage))\b|^and\s/i;

/** "To stop the workers, run:" followed by a code block: the command is the step's action. */
function introducesCode(sentence: string, next: Block | undefined): boolean {
  return next?.type === 'code' && /:\s*$/.test(sentence) && instructionCore(sentence) !== undefined;
}

// A sentence opening with a setting or a condition, whose instruction follows one of its commas.
const LEAD_WORD = /^(?:if|when|once|after|before|unless|in|on|at|for|under|within|from|during|while|as|to|whenever|where)\b/i;

// "`temporary`: Create the rule …", "Long-term rules: create them in Terraform": a label, then the instruction.
const LABEL = /^(?:`[^`]{1,40}`|[A-Za-z][\w -]{0,30}):\s+(?=\S)/;

// "To restore the dump, run:" / "To start the workers again, run the following command:": the purpose names the step.
const COMMAND_PURPOSE = /^to\s+([a-z][^,]{2,120}),\s*(?:run|execute|type|enter|use|issue)\b[^.]{0,40}:\s*$/i;

// "under your profile, click …": a further place in the lead-in, not the instruction.
const PLACE = /^(?:under|in|on|at|from|within|inside|next to|below|above|beside|via|through|into|over|behind|near|beneath|with|without|by|for)\b/i;

/**
 * The instruction a sentence gives, or undefined: the sentence itself when it is an imperative or
 * a role acts in it; else what follows its label or one of the commas of its lead-in ("In the
 * admin UI, under the project, click Save" → "click Save"; "If the job failed, or you need to
 * rerun it, first take note of its id" → "first take note of its id"); for a command introduced by
 * its purpose, the purpose ("To restore the dump, run:" → "restore the dump").
 */
export function instructionCore(sentence: string): string | undefined {
  const s = sentence.trim();
  const purpose = s.match(COMMAND_PURPOSE)?.[1];
  if (purpose && isImperative(purpose)) return purpose;
  // "On the page, under your profile, click …": a place after the setting is no verb; look past its comma.
  if ((isImperative(s) && !PLACE.test(stripLeadIn(s))) || roleSubject(s) !== undefined) return s;
  const label = s.match(LABEL);
  if (label && isImperative(s.slice(label[0].length))) return s.slice(label[0].length);
  if (!LEAD_WORD.test(s)) return undefined;
  let at = s.indexOf(', ');
  for (let n = 0; n < 3 && at > 0 && at < 200; n++) {
    const rest = s.slice(at + 2);
    if (/^[a-z]/.test(rest) && !PLACE.test(rest) && isImperative(rest)) return rest;
    at = s.indexOf(', ', at + 2);
  }
  return undefined;
}

/** "To create a new server, do the following:", "Follow these steps:", "In these cases, use the following procedure to X.": a lead-in announcing the list after it as the steps. */
export function announcesSteps(block: Block | undefined): boolean {
  return block?.type === 'paragraph' && STEPS_LEAD_IN.test(block.text);
}

/**
 * "The typical process for handling a report is as follows.", "Our release workflow goes like this:":
 * a process announced over the list after it; a paragraph (its standing rules) may stand between.
 */
export function announcesProcess(before: Block[]): boolean {
  return before.length > 0 && before.every((b) => b.type === 'paragraph') && before.some((b) => b.type === 'paragraph' && PROCESS_LEAD_IN.test(b.text));
}

// "… is as follows.", "… goes like this:", "Release process includes the following:".
const PROCESS_LEAD_IN = /\b(?:process|procedure|workflow|steps)\b[^.:]{0,100}\b(?:(?:is|are|goes|go|works|runs|looks)\s+(?:(?:roughly|generally|usually)\s+)?(?:as follows|like this)|(?:includes|consists of|involves|comprises) the following(?: steps)?)\s*[.:]\s*$/i;

// Participles that describe a state or a rule ("is required", "are ignored"), not something done at that point.
const STATE_PARTICIPLE = /^(?:required|needed|allowed|permitted|used|located|based|expected|considered|supported|recommended|encouraged|ignored|called|named|known|designed|intended|meant|involved|concerned|interested|advised|welcomed|appreciated|preferred|limited|restricted|affected|listed|described|defined|covered|included|excluded|related|connected|discouraged|forbidden|prohibited|handled|treated)$/i;
const PASSIVE_STEP = /^(?:(?:the|a|an|all|each|every|any)\s+)?[\w`'./-]+(?:\s+[\w`'./-]+){0,4}\s+(?:is|are|gets|get)\s+(?:then\s+|first\s+|now\s+)?([a-z]+ed|built|made|sent|run|done|written|taken|given|set|put|kept|held|begun|shown|told|cut|split|drawn|chosen|frozen|brought|found|shut|read|proofread|paid)\b/i;

/** "Changes are merged to the stable branch", "No more than 48 hours before, the branch is merged": a step of a process list told in the passive. */
export function isPassiveStep(sentence: string): boolean {
  const m = stripLeadIn(sentence).match(PASSIVE_STEP);
  return !!m && !STATE_PARTICIPLE.test(m[1]);
}

/** "The following rules must be observed:", "These practices apply:": a lead-in announcing rules, not steps. */
export function announcesRules(block: Block | undefined): boolean {
  return block?.type === 'paragraph' && /\b(?:rules?|practices?|requirements?|principles?|guidelines?|polic(?:y|ies)|restrictions?|conditions?)\b[^.:]{0,80}:\s*$/i.test(block.text);
}

const STEPS_LEAD_IN = /(?:\bdo the following|\bfollow(?:ing)? (?:these|the(?: below)?|this) (?:steps|procedure|instructions)|\bthe following (?:steps|procedure|instructions)|\bthese steps|\bproceed as follows|\bsteps? (?:are|is) as follows)\b[^.:]{0,60}:\s*$|\b(?:use|follow|perform|carry out) the following (?:steps|procedure|instructions)\b[^.:]{0,60}\.\s*$/i;

/**
 * The lists an admonition holds as a procedure ("!!! note "Steps"", ".. note::" with a numbered
 * list): any list under a title that says steps, else only numbered lists and task lists — a
 * warning's bullets are cautions, not steps.
 */
export function admonitionLists(block: Block): { list: ListBlock; before?: Block; announced: boolean }[] {
  if (block.type !== 'quote') return [];
  const announced = STEPS_TITLE.test(block.title ?? '');
  return block.children.flatMap((child, i) => (child.type === 'list' && (announced || child.ordered || child.items.some((item) => item.checked !== undefined)) ? [{ list: child, before: block.children[i - 1], announced }] : []));
}

const STEPS_TITLE = /\b(?:steps?|procedure|how to|instructions|to do)\b/i;

/** "## Restoring the backup" or "## Restore it" over a code block: a step whose action is the command. */
export function runsCommandStep(section: Section): boolean {
  return section.blocks.some((b) => b.type === 'code') && isActionTitle(section.title.replace(/\*\*/g, '').trim());
}

/** "Restore the backup", "Restoring it", "Switching over": a heading that names something to do. */
function isActionTitle(title: string): boolean {
  if (isImperative(title)) return true;
  const m = title.match(/^([A-Za-z]{2,})ing\b(.*)$/);
  if (!m) return false;
  const stem = m[1].toLowerCase();
  return [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].some((base) => base.length >= 2 && isImperative(`${base} the${m[2]}`));
}

/** "Lights: Switch off every light", "**Backups**: Check the report": the instruction after an item's label (else the text as it is). */
export function afterLabel(sentence: string): string {
  const label = sentence.match(LABEL);
  return label && isImperative(sentence.slice(label[0].length)) ? sentence.slice(label[0].length) : sentence;
}
