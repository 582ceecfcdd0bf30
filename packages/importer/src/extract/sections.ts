import { isImperative } from './sentences.js';
import type { Block, HeadingBlock } from '../tree/doc-tree.js';

export type SectionKind =
  | 'procedure' | 'history' | 'glossary' | 'references' | 'index' | 'examples' | 'context' | 'roles' | 'metadata' | 'appendix' | 'general';

/** A heading and what follows it up to the next heading of the same or a higher level. */
export interface Section {
  heading?: HeadingBlock;
  level: number;
  /** Heading text without its number. */
  title: string;
  /** "2.5.1" when the heading is numbered. */
  label?: string;
  kind: SectionKind;
  /** Blocks between the heading and the first sub-heading. */
  blocks: Block[];
  children: Section[];
}

/** Pure; nests blocks under their headings. The root section (level 0) holds what precedes any heading. */
export function buildSections(blocks: Block[]): Section {
  const root: Section = { level: 0, title: '', kind: 'general', blocks: [], children: [] };
  const stack: Section[] = [root];
  for (const block of blocks) {
    if (block.type !== 'heading') {
      stack[stack.length - 1].blocks.push(block);
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1].level >= block.level) stack.pop();
    const { label, title } = splitNumber(block.text);
    const section: Section = { heading: block, level: block.level, title, label, kind: sectionKind(title), blocks: [], children: [] };
    stack[stack.length - 1].children.push(section);
    stack.push(section);
  }
  return root;
}

/** "8.1. Initiate check" → label 8.1; "Step 3: Sign" → 3; "Phase 2 – Test" → 2. */
export function splitNumber(text: string): { label?: string; title: string } {
  const t = text.replace(/\*\*/g, '').trim();
  const m = t.match(/^(?:(?:step|phase|stage|task)\s+)?(\d{1,3}(?:\.\d{1,3})*|[A-Z](?=[.)]))[.)]?(?:\s*[:.\-–—)]\s*|\s+)(?=\S)/i);
  if (m && !/^\d{1,3}(?:\.\d{1,3})*\s*(?:%|(?:days?|hours?|weeks?|months?|years?|minutes?)\b)/i.test(t)) return { label: m[1], title: t.slice(m[0].length).trim() };
  return { title: t };
}

const KINDS: [SectionKind, RegExp][] = [
  ['history', /\b(document|revision|version|change|amendment)s?\s+(history|log|control|record)|^revisions?$|^change ?log$|^history$/i],
  ['glossary', /\b(glossary|definitions?|abbreviations?|acronyms?|terminology)\b|^terms\b/i],
  ['references', /\b(references?|related documents?|bibliography|see also|useful resources|further reading|resources|links|sources|citations?)\b/i],
  ['index', /^(index|contents|table of contents|toc)$/i],
  // "Sample letter to customers" is an example; "Sample collection" is a lab's work on its samples.
  ['examples', /^(?:examples?|worked examples?)\b|^samples?(?:$|\s+(?:of|for)\b|\s+(?:\w+\s+)?(?:letters?|e-?mails?|messages?|templates?|reports?|forms?|outputs?|requests?|responses?|notices?|texts?|scripts?|agendas?|announcements?|configurations?|configs?|code|files?|documents?|questions?|answers?|wording|communications?|press releases?)\b)/i],
  ['roles', /\b(roles?|responsibilit(y|ies)|raci|participants|stakeholders)\b/i],
  ['metadata', /^(metadata|document (information|control|details|approval)|approvals?|sign-?offs?|distribution( list)?|document owner)$/i],
  ['appendix', /^(appendix|annex|attachment)\b/i],
  ['procedure', /\b(procedures?|process steps|steps|instructions?|workflow|method|activities|how to|runbook|playbook|checklist|tasks|process|protocol)\b/i],
  ['context', /\b(purpose|scope|objectives?|introduction|background|overview|summary|abstract|context|applicability|policy|principles?|general considerations|general|rationale|description|status descriptions?|notes?|kpis?|requirements|rules|guidelines|standards|statements?)\b/i],
];

/** A runbook's working sections: what to check and what to do once an alert fires. */
const RUNBOOK_SECTION = /^(?:diagnos[ie]s|diagnostics|troubleshooting|investigation|triage|mitigations?|remediation|resolution|recovery|fix|what to do|response steps)$/i;

/** "Diagnosis", "Mitigation", "Remediation": a runbook section that holds steps, often written as prose. */
export function isRunbookSection(title: string): boolean {
  return RUNBOOK_SECTION.test(title.replace(/\*\*/g, '').trim());
}

const STANDARD_SECTION = /^(?:purpose|scope|purpose and scope|overview|introduction|description|procedures?|process(?: steps)?|steps|instructions|checklist|how to|duties|responsibilities|roles and responsibilities|actions|tasks)$/i;

/** "Purpose", "Procedure", "Duties", "Diagnosis & Mitigation": a heading every document of its kind has, naming no procedure. */
export function isStandardSectionName(title: string): boolean {
  const t = title.replace(/\*\*/g, '').replace(/[:.]$/, '').trim();
  return STANDARD_SECTION.test(t) || t.split(/\s*(?:&|\band\b|\/)\s*/i).every((part) => part !== '' && isRunbookSection(part));
}

export function sectionKind(title: string): SectionKind {
  if (isRunbookSection(title)) return 'procedure';
  // "Sample the goods", "Assign the roles", "Update the references": an action, whatever its nouns.
  const verb = title.replace(/\*\*/g, '').trim().match(/^([A-Za-z]+)\s+(?:the|a|an|all|each|every|any|its|their|your|our|this|these|those)\b/)?.[1];
  if (verb && isImperative(title)) return 'general';
  // "Manually removing a role", "Adding the references": an action told as a gerund, whatever its nouns.
  if (isGerundAction(title)) return 'general';
  for (const [kind, re] of KINDS) if (re.test(title)) return kind;
  return 'general';
}

/** "Removing a role", "Manually adding the users": an -ing verb of the lexicon, then a determiner. */
function isGerundAction(title: string): boolean {
  const m = title.replace(/\*\*/g, '').trim().match(/^(?:[A-Za-z]+ly\s+)?([A-Za-z]+)ing\s+((?:the|a|an|all|each|every|any|its|their|your|our|this|these|those)\b.*)$/i);
  if (!m) return false;
  const stem = m[1].toLowerCase();
  return [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].some((base) => base.length >= 2 && isImperative(`${base} ${m[2]}`));
}

/** Sections whose content never becomes steps (roles are read for role names, not for steps). */
export function isExcludedKind(kind: SectionKind): boolean {
  return kind !== 'procedure' && kind !== 'general';
}

/** Every block of a section and its descendants, headings of sub-sections included, in order. */
export function allBlocks(section: Section): Block[] {
  const out: Block[] = [...section.blocks];
  for (const child of section.children) {
    if (child.heading) out.push(child.heading);
    out.push(...allBlocks(child));
  }
  return out;
}

export function walkSections(section: Section, visit: (s: Section, parent?: Section) => void, parent?: Section): void {
  visit(section, parent);
  for (const child of section.children) walkSections(child, visit, section);
}
