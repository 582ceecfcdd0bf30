import type { ImportedSop } from '../import-result.js';
import type { Block } from '../tree/doc-tree.js';
import { isGenericRole } from './generic-roles.js';
import { namesPerformer } from './role-headings.js';
import { cleanRole } from './roles.js';
import { type Section } from './sections.js';
import { isImperative, splitSentences } from './sentences.js';

const DOC = '(?:page|guide|document|doc|runbook|playbook|checklist|procedure|process|sop|handbook(?: page)?|section|article|manual|tutorial|how-?to|note|policy|workflow)';
// "This page is for support engineers", "This runbook is intended for the on-call SRE", "… is aimed at new maintainers".
const FOR_READER = new RegExp(`^(?:this|the) ${DOC}\\b[^.]{0,40}?\\b(?:is|are) (?:(?:mainly|mostly|primarily|only|meant|intended|written|designed|aimed|addressed|targeted)\\s+)*(?:for|at|to) (.{3,80})`, 'i');
// "This SOP describes how the SRE team escalates …", "This guide explains how reviewers should …".
const HOW_READER = new RegExp(`^(?:this|the) ${DOC}\\b[^.]{0,30}?\\b(?:describes|explains|documents|outlines|covers|sets out|shows|tells|details) (?:how|what|when) (.{3,80}?)\\s+(?:will|should|shall|must|can|may|need to|needs to|are expected to|is expected to|do|does|handles?|escalates?|responds?)\\b`, 'i');
// "Audience: on-call engineers", "Who this is for: new maintainers", "If you are the incident commander, …".
const FIELD = /^(?:(?:intended |target )?audience|who (?:this|it) is for|who should (?:read|use) this|for whom)\s*[:–—-]\s*(.{3,80})/i;
const IF_YOU_ARE = /\b(?:if|when) you are (?:the|a|an|one of the) (.{3,60}?)(?:[,.;:]|\s+(?:and|or|on|in|for|at|who|you)\b)/i;
const TITLE_FOR = /\b(?:guide|guidance|checklist|handbook|runbook|playbook|instructions|procedures?|process|notes|tips|onboarding|training|faq|manual)\s+for\s+(.{3,60})$/i;
// "CERT Check-in Position", "Scribe Role Description": a title that names a position.
const POSITION_TITLE = /^(.+?)\s+(position|role)(?:\s+(?:guide|description|definition|profile))?$/i;
// The sections that list a position's duties ("## Responsibilities", "## Job description", "## Reports to").
const POSITION_SECTION = /^(?:(?:key|main|primary|general)\s+)?(?:responsibilit(?:y|ies)|duties|(?:role|job|position) description|reports? to|accountabilit(?:y|ies))$/i;
const INTRO = /^(?:introduction|intro|purpose|scope|overview|about(?: this \w+)?|audience|intended audience|who (?:this|it) is for|who should read this|background|summary|context)$/i;

/**
 * Pure; the reader a document names in its introduction ("This page is for support engineers",
 * "Audience: on-call SREs", "This SOP describes how the SRE team escalates …", "If you are the
 * incident commander, …"): the role its instructions addressed to "you" belong to.
 */
export function readerRoles(root: Section): string[] {
  const out: string[] = [];
  const read = (blocks: Block[]) => {
    for (const b of blocks) if (b.type === 'paragraph') for (const s of splitSentences(b.text)) out.push(...readerOf(s.replace(/\*\*|__/g, '')));
  };
  read(root.blocks);
  // "On-call guide for platform engineers", "Onboarding checklist for new starters": the title names the reader.
  for (const top of root.children) if (top.heading && top.level === 1) out.push(...readers(top.title.match(TITLE_FOR)?.[1]), ...positionOfTitle(top));
  const visit = (s: Section, depth: number) => {
    // The title's own section (a document's single h1) and its intro-like sub-sections are the introduction.
    if (depth === 0 || INTRO.test(s.title.trim())) read(s.blocks);
    for (const c of s.children) visit(c, depth + (root.children.length === 1 && s === root.children[0] ? 0 : 1));
  };
  for (const c of root.children) visit(c, 0);
  return [...new Set(out)];
}

/**
 * The role a position guide is titled by ("# Incident Commander", "# Check-in Position") when one of
 * its sections describes that role's duties; a title naming a thing ("# Patient position") has none.
 */
function positionOfTitle(top: Section): string[] {
  if (!top.children.some((c) => POSITION_SECTION.test(c.title.replace(/\*\*|__|`/g, '').replace(/[:.]+$/, '').trim()))) return [];
  const title = top.title.replace(/\*\*|__|`/g, '').replace(/\s*\([^)]*\)\s*$/, '').trim();
  const position = title.match(POSITION_TITLE);
  const role = position ? (namesPerformer(position[1]) ? position[1] : `${position[1]} ${position[2].toLowerCase()}`) : namesPerformer(title) ? title : undefined;
  return role && role.split(/\s+/).length <= 5 && !isGenericRole(role) ? [cleanRole(role)] : [];
}

/** The roles one sentence names as the reader, or none. */
export function readerOf(sentence: string): string[] {
  const s = sentence.trim();
  return readers(s.match(FIELD)?.[1] ?? s.match(FOR_READER)?.[1] ?? s.match(HOW_READER)?.[1] ?? s.match(IF_YOU_ARE)?.[1]);
}

/** The roles a phrase after "for" / "Audience:" names, up to the first qualifier. */
function readers(phrase: string | undefined): string[] {
  if (!phrase) return [];
  // "support engineers who look after billing", "SREs on the platform rotation": the name ends before its qualifier.
  const head = phrase.replace(/\s+(?:who|that|which|when|working|looking|on|in|at|of|to|from|during|with|as|if)\s.*$/i, '').replace(/[.;:)(].*$/, '');
  return head.split(/\s*,\s*|\s+(?:and|or|and\/or)\s+/).map(cleanRole).filter((r) => r.length > 1 && namesPerformer(r) && !isGenericRole(r));
}

/** Pure; steps addressed to "you" (instructions with no performer of their own) are done by the document's reader. */
export function withReader(sop: ImportedSop, reader: string | undefined): ImportedSop {
  if (!reader) return sop;
  const steps = sop.steps.map((s) => (s.role || !isImperative(s.title) ? s : { ...s, role: reader }));
  const roles = sop.roles.some((r) => r.toLowerCase() === reader.toLowerCase()) ? sop.roles : [...sop.roles, reader];
  return { ...sop, steps, roles };
}
