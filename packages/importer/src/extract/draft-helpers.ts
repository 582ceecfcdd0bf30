import type { Block, ListBlock, ListItem } from '../tree/doc-tree.js';
import { readStepFlow, stepSentences } from './decisions.js';
import { type Section, allBlocks, isExcludedKind } from './sections.js';
import { isActionable, isImperative, isRoleName, roleSubject, splitSentences, stripLeadIn } from './sentences.js';
import { emptyAttributes, slugify, type StepDraft } from './step-draft.js';
import { cleanTitle } from './clean-title.js';
import { headingContents } from './heading-contents.js';
import { afterLabel } from './how-to-prose.js';

/** First and last paragraph index of some blocks (list items and quote children included). */
export function blockSpan(blocks: Block[]): [number, number] | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  const visit = (b: Block) => {
    lo = Math.min(lo, b.source.paragraph);
    hi = Math.max(hi, b.source.paragraph);
    if (b.type === 'list') for (const item of b.items) { lo = Math.min(lo, item.source.paragraph); hi = Math.max(hi, item.source.paragraph); item.children.forEach(visit); }
    if (b.type === 'quote') b.children.forEach(visit);
  };
  blocks.forEach(visit);
  return lo === Infinity ? undefined : [lo, hi];
}

/** Sentences of the paragraphs and list items of some blocks. */
export function blockSentences(blocks: Block[]): string[] {
  const out: string[] = [];
  const visit = (b: Block) => {
    if (b.type === 'paragraph') out.push(...splitSentences(b.text));
    if (b.type === 'list') for (const item of b.items) { out.push(...splitSentences(item.text)); item.children.forEach(visit); }
  };
  blocks.forEach(visit);
  return out;
}

/** Whether some blocks ask anyone to do anything. */
export function hasActionContent(blocks: Block[]): boolean {
  // "Heroku: Transfer ownership …": the instruction after an item's label acts too.
  return blockSentences(blocks).map(afterLabel).some((s) => isImperative(s) || roleSubject(s) !== undefined || isActionable(s));
}

/** A section as a step; numbered sub-sections become sub-steps, the rest folds into the body. */
export function sectionDrafts(section: Section, depth: number): StepDraft[] {
  const heading = section.heading;
  const draft: StepDraft = {
    title: cleanTitle(section.title),
    label: section.label,
    anchors: heading ? [slugify(heading.text)] : [],
    from: 'heading',
    source: heading ? heading.source : { paragraph: section.blocks[0]?.source.paragraph ?? 0, text: section.title },
    lead: '',
    body: [...section.blocks],
    attrs: emptyAttributes(),
    depth,
  };
  const subs: StepDraft[] = [];
  for (const child of section.children) {
    if (child.label && !isExcludedKind(child.kind) && depth < 2) subs.push(...sectionDrafts(child, depth + 1));
    else {
      if (child.heading) draft.body.push({ type: 'paragraph', text: child.title, links: [], source: child.heading.source });
      draft.body.push(...allBlocks(child));
    }
  }
  // A top heading that names a group, not an action ("## Publishing", "## Data retention"), and lists
  // several instructions (under sub-headings or not) has them as its sub-steps; so does any heading
  // whose sub-headings hold them ("## Patch, Release and Communicate" over "### Fix team" lists).
  const contents = depth === 0 && subs.length === 0 && (!isImperative(section.title) || section.children.length > 0) ? headingContents([...section.blocks, ...section.children.flatMap(allBlocks)], 1, section.label !== undefined) : undefined;
  if (contents) { draft.body = contents.body; subs.push(...contents.subs); }
  return [draft, ...subs];
}

const ATTRIBUTION = /(\S)\s+[-–—]\s+([A-Z][\w/&+]*(?:\s+[A-Z][\w/&+]*){0,2})\s*$/;

const TRAILING_PLACEHOLDER = /^(.{6,}?)\s+((?:TBD|TBC|TBA|TODO|[Tt]o be (?:defined|determined|completed|confirmed|written|added|decided)|Lorem ipsum\b.*|\[(?:describe|insert|enter|add|explain|specify|tbd|to be|placeholder)\b[^\]]{0,80}\]|<(?:describe|insert|enter|add|specify)\b[^>]{0,80}>)\.?)$/;

/** A list item as a step: its first sentence is the title, the rest and its children the body. */
export function itemDrafts(item: ListItem, depth: number, from: StepDraft['from']): StepDraft[] {
  const sentences = splitSentences(item.text);
  let first = sentences[0] ?? item.text;
  let lead = item.text.slice(item.text.indexOf(first) + first.length).trim();
  // "Freeze – Announce the code freeze …" / "Verification: document the proof": a label, then the text.
  const labelled = first.match(/^([A-Z][\w/&' ]{1,40}?)\s*(?:\s[–—-]\s|:\s)\s*(\S.*)$/);
  if (labelled && labelled[1].trim().split(/\s+/).length <= 4 && !/^(note|tip|warning|important|example|e\.g)$/i.test(labelled[1].trim())) {
    first = labelled[1].trim();
    lead = `${labelled[2]} ${lead}`.trim();
  }
  // "Validate the bank details [describe …]" / "… TBD": a placeholder run on from the next line is the body.
  const trailing = first.match(TRAILING_PLACEHOLDER);
  if (trailing && trailing[1].split(/\s+/).length >= 2) {
    first = trailing[1];
    lead = `${trailing[2]} ${lead}`.trim();
  }
  // "Test the alerting. - Dev Ops" / "Patch the hosts – Ops Team": who does it, written after the sentence.
  const whole = `${first} ${lead}`.trim();
  const by = whole.match(ATTRIBUTION);
  const who: string[] = [];
  if (by && (/[.!)]$/.test(by[1]) || isRoleName(by[2]))) {
    who.push(by[2]);
    // The match begins with the sentence's last character (by[1]), which stays.
    const tail = by[0].slice(by[1].length).trim();
    if (lead.endsWith(tail)) lead = lead.slice(0, lead.length - tail.length).trim();
    else first = first.slice(0, first.length - tail.length).trim();
  }
  const draft: StepDraft = {
    title: cleanTitle(itemTitle(first)),
    titleText: first,
    label: item.marker,
    anchors: [],
    from,
    source: item.source,
    lead: /^\(/.test(first.trim()) ? `${first.trim().match(/^\([^)]*\)/)?.[0] ?? ''} ${lead}`.trim() : lead,
    body: [],
    attrs: { ...emptyAttributes(), who },
    depth,
  };
  const subs: StepDraft[] = [];
  for (const child of item.children) {
    if (child.type === 'list' && child.ordered && depth < 2 && child.items.length >= 2 && child.items.filter((i) => isImperative(i.text)).length >= child.items.length / 2) {
      subs.push(...listDrafts(child, depth + 1, from, isDeciding(first) ? draft : undefined));
    } else draft.body.push(child);
  }
  return [draft, ...subs];
}

// "Determine whether it is safe to continue", "The Security Officer decides …", "Is the key still active?"
const DECIDING = /^(?:(?:the\s+)?(?:[A-Z][\w-]*|[a-z]+)(?:\s+[\w-]+){0,3}\s+)?(?:(?:determine|decide|assess|evaluate)s?\b|(?:check|verify|confirm|establish|find out|work out|ascertain)s?\s+(?:whether|if)\b)/i;
const CASE_ITEM = /^(?:if|in case|in the (?:event|case)|should|otherwise|else|unless)\b/i;

/** A step that makes a choice: its "If …" items that follow are its cases. */
function isDeciding(sentence: string): boolean {
  const s = sentence.replace(/\*\*/g, '').trim();
  return /\?$/.test(s) || (DECIDING.test(s) && !CASE_ITEM.test(s));
}

/** A case whose own path leaves the flow ("… and move to Phase III", "… stop"); "If X, do Y; otherwise skip to 8" is a step. */
function leadsElsewhere(item: ListItem): boolean {
  return readStepFlow(stepSentences(item.text, item.children), []).branches.some((b) => b.when !== 'otherwise' && (b.target === 'end' || b.target.kind !== 'next'));
}

/**
 * The items of a list as steps. "If …" / "Otherwise …" items that leave the flow, right after a step that decides
 * ("6. Determine whether it is safe to continue." "7. If it is safe, …; move to Phase V."
 * "8. If it is not safe, … move to Phase III.") are that step's cases: read into its body, where
 * they become its decisions (or actions it takes under a condition), not steps of their own.
 */
export function listDrafts(list: ListBlock, depth: number, from: StepDraft['from'], decider?: StepDraft): StepDraft[] {
  const out: StepDraft[] = [];
  let deciding = decider;
  let cases: ListItem[] = [];
  const fold = () => {
    if (deciding && cases.length > 0) deciding.body.push({ type: 'list', ordered: false, items: cases, source: cases[0].source });
    cases = [];
  };
  for (const item of list.items) {
    if (deciding && CASE_ITEM.test(item.text.replace(/\*\*/g, '').trim()) && leadsElsewhere(item)) { cases.push(item); continue; }
    fold();
    const drafts = itemDrafts(item, depth, from);
    deciding = isDeciding(drafts[0].titleText ?? drafts[0].title) ? drafts[0] : undefined;
    out.push(...drafts);
  }
  fold();
  return out;
}

/** The title part of an item's first sentence: "Preparation: get ready" → "Preparation: get ready"; drops a leading "(If …)". */
function itemTitle(sentence: string): string {
  const s = sentence.replace(/\*\*/g, '').trim();
  const stripped = s.replace(/^\([^)]{0,80}\)\s*/, '');
  return stripped.length > 0 ? stripped : s;
}

/** "If X, do Y" → "do Y" for a title made of a sentence. */
export function sentenceTitle(sentence: string): string {
  const core = stripLeadIn(sentence);
  return cleanTitle(core.length >= 3 ? core.charAt(0).toUpperCase() + core.slice(1) : sentence);
}
