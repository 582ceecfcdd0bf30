import type { ImportedSop } from '../import-result.js';
import type { Block, DocTree } from '../tree/doc-tree.js';
import { buildSop } from './build-sop.js';
import { withBranchesBeside } from './decision-paragraphs.js';
import { findIndexLists } from './find-index-lists.js';
import { findListCandidates, isPolicyBody } from './find-list-candidates.js';
import { findMermaidCandidates } from './find-mermaid-candidates.js';
import { findProseCandidates } from './find-prose-candidates.js';
import { findProseSectionCandidates } from './find-prose-sections.js';
import { findSectionCandidates } from './find-section-candidates.js';
import { findTableCandidates } from './find-table-candidates.js';
import { findTreeCandidates } from './find-tree-candidates.js';
import { groupNumberedParagraphs } from './group-numbered-paragraphs.js';
import { groupPipeTables } from './group-pipe-tables.js';
import { joinContinuedLists } from './join-continued-lists.js';
import { documentRoleNames, withoutDocumentRoles } from './document-roles.js';
import { mergeProcedureParts } from './merge-procedure-parts.js';
import { mergeSplitProcedure } from './merge-split-procedure.js';
import { readerRoles, withReader } from './reader-roles.js';
import { roleFields } from './role-fields.js';
import { assignHeadingRoles } from './role-headings.js';
import { renderText } from './render-text.js';
import { uniqueTitles } from './unique-titles.js';
import { addressedRoles, rolesFromResponsibilities, rolesInText } from './roles.js';
import { isActionable, isImperative, roleSubject, splitSentences } from './sentences.js';
import { type Section, allBlocks, buildSections, isExcludedKind, isStandardSectionName, splitNumber } from './sections.js';
import type { Candidate } from './step-draft.js';

/**
 * Pure and deterministic; finds every procedure in a document tree and returns one SOP per
 * procedure. An empty list means no procedure was found: no steps are ever invented.
 */
export function extractSops(tree: DocTree, fileName: string): ImportedSop[] {
  const root = buildSections(joinContinuedLists(groupNumberedParagraphs(groupPipeTables(tree.blocks))));
  const title = documentTitle(tree, root, fileName);
  const indexLists = findIndexLists(root);
  const candidates: Candidate[] = mergeProcedureParts(root, [
    ...findSectionCandidates(root, indexLists),
    ...findListCandidates(root, indexLists),
    ...findTableCandidates(root),
    ...findMermaidCandidates(root),
    ...findProseCandidates(root),
    ...findProseSectionCandidates(root),
    ...findTreeCandidates(root),
  ]);
  // A policy states rules; its lists are rules, not procedures, unless a section says it is one or,
  // failing that, numbered lists of three or more actions carry the procedure inside the policy.
  const policy = /\b(policy|policies|standard|guidelines?|principles|code of conduct|charter)\b/i.test(title);
  const usable = policy ? policyCandidates(candidates) : candidates.filter((c) => !(c.container && isPolicyBody(c.container)));
  const chosen = mergeSplitProcedure(assignHeadingRoles(selectCandidates(usable), root));
  const referenced = Array.isArray(tree.metadata.referencedRoles) ? tree.metadata.referencedRoles.filter((r): r is string => typeof r === 'string') : [];
  const reader = readerRoles(root);
  const docRoles = [...referenced, ...reader, ...rolesFromResponsibilities(root), ...rolesInProse(root)];
  const notes = documentNotes(tree, root, [...indexLists.keys()].map((l) => renderText([l])));
  const titles = uniqueTitles(procedureTitles(root, chosen, title));
  const documentNames = documentRoleNames(tree, root);
  return chosen.map((c, i) => {
    const sop = withReader(withoutDocumentRoles(buildSop(withBranchesBeside(c), titles[i], docRoles), documentNames), reader[0]);
    sop.notes = notes;
    return sop;
  });
}

/** The procedure inside a policy: sections that say so, tables, else numbered lists of three or more actions. */
export function policyCandidates(candidates: Candidate[]): Candidate[] {
  const marked = candidates.filter((c) => c.container?.kind === 'procedure' || c.kind === 'table' || c.parts);
  if (marked.length > 0) return marked;
  return candidates.filter((c) => {
    const top = c.steps.filter((s) => s.depth === 0);
    // Someone does something ("Return the key", "The manager signs"); "Passwords must be long" is a rule.
    // "Breach investigation: the Security Officer shall name an investigator" acts in its clause.
    const acts = top.filter((s) => {
      const clause = splitSentences(s.lead)[0] ?? '';
      return [s.titleText ?? s.title, clause].some((t) => isImperative(t) || roleSubject(t) !== undefined) || (isLabel(s.titleText ?? s.title) && /\b(?:shall|must)\b/i.test(clause));
    }).length;
    return c.kind === 'list' && c.priority >= 2 && top.length >= 3 && acts >= top.length * 0.6;
  });
}

/** "Breach investigation", "Methods of notification": a clause's label, not a sentence of its own. */
function isLabel(title: string): boolean {
  return title.split(/\s+/).length <= 6 && !/[.!?]$/.test(title.trim()) && !isActionable(title);
}

/**
 * One procedure takes the document's title; several take their sections' titles, qualified by the
 * section holding them when the title is a standard section name ("Procedure", "Duties", "Diagnosis
 * & Mitigation") or another procedure's too ("Playbook: Phishing: Investigate").
 */
function procedureTitles(root: Section, chosen: Candidate[], title: string): string[] {
  const own = chosen.map((c) => (chosen.length === 1 || !c.container?.title ? title : c.container.title));
  return chosen.map((c, i) => {
    const repeated = own.some((t, j) => j !== i && t.toLowerCase() === own[i].toLowerCase());
    if (chosen.length === 1 || !c.container?.title || !(repeated || isStandardSectionName(c.container.title))) return own[i];
    const parentOf = (s: Section): Section | undefined => (s.children.includes(c.container!) ? s : s.children.map(parentOf).find(Boolean));
    const parent = parentOf(root);
    return parent?.title ? `${parent.title}: ${own[i]}` : own[i];
  });
}

/** Roles acting in the document's prose and lists outside the steps ("The IC will run the meeting"). */
function rolesInProse(root: Section): string[] {
  const out: string[] = [];
  const visit = (s: Section) => {
    if (s.heading && isExcludedKind(s.kind) && s.kind !== 'roles' && s.kind !== 'context') return;
    const visitBlock = (b: Block) => {
      if (b.type === 'paragraph') out.push(...rolesInText(b.text), ...roleFields(b.text));
      // "Ping the incident commander of critical issues" in a list beside the procedure names a role too.
      if (b.type === 'list') for (const item of b.items) { out.push(...splitSentences(item.text).flatMap(addressedRoles)); item.children.forEach(visitBlock); }
    };
    s.blocks.forEach(visitBlock);
    s.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** Strongest first; a candidate overlapping one already chosen is dropped; weak ones only if nothing else. */
export function selectCandidates(candidates: Candidate[]): Candidate[] {
  // Sub-steps listed under a group heading (heading-contents.ts) do not make its candidate larger than it was read.
  const size = (c: Candidate) => c.steps.filter((d) => !d.inHeading).length;
  // A loose bullet list inside one section of a procedure made of action headings is part of that section.
  // So is a bullet list whose items a procedure of group headings ("### Monday", "### Friday") already holds as sub-steps.
  const holds = (x: Candidate, c: Candidate) => c.steps.every((s) => x.steps.some((d) => d.inHeading && d.source.paragraph === s.source.paragraph));
  const within = (c: Candidate, x: Candidate) => x !== c && x.kind === 'sections' && x.priority >= 1 && (size(x) > size(c) || holds(x, c)) && x.span[0] <= c.span[0] && c.span[1] <= x.span[1];
  const usable = candidates.filter((c) => !(c.kind === 'list' && c.priority < 1.5 && candidates.some((x) => within(c, x))));
  const sorted = [...usable].sort((a, b) => b.priority - a.priority || size(b) - size(a) || a.span[0] - b.span[0]);
  const chosen: Candidate[] = [];
  for (const c of sorted) {
    if (c.steps.length === 0) continue;
    if (c.priority < 1 && chosen.length > 0) continue;
    if (chosen.some((x) => c.span[0] <= x.span[1] && x.span[0] <= c.span[1])) continue;
    chosen.push(c);
  }
  // Beside a clear procedure, a loose list of instructions outside any procedure section is advice, not another SOP.
  const strong = chosen.some((c) => c.priority >= 2);
  // Prose beside a list or table of the same section introduces it ("Use this checklist at …").
  return chosen
    .filter((c) => !(strong && c.priority < 1.5 && c.container?.kind !== 'procedure'))
    .filter((c) => !(c.kind === 'prose' && c.container && chosen.some((x) => x !== c && x.kind !== 'prose' && x.container === c.container)))
    .sort((a, b) => a.span[0] - b.span[0]);
}

function documentTitle(tree: DocTree, root: Section, fileName: string): string {
  const meta = tree.metadata.title;
  // "# PURPOSE" opening a template-shaped SOP names a section, not the document.
  const naming = (b: Block | undefined) => b?.type === 'heading' && !isStandardSectionName(splitNumber(b.text).title);
  const firstH1 = tree.blocks.find((b) => b.type === 'heading' && b.level === 1);
  const h1 = naming(firstH1) ? firstH1 : undefined;
  // An HTML <title> is often the site's name; the page's own <h1> names the procedure.
  if (typeof meta === 'string' && meta.trim() && !(tree.format === 'html' && h1)) return meta.trim();
  if (h1?.type === 'heading') return tidy(h1.text);
  const lead = tree.blocks[0];
  // A document opening with its highest heading, which no other heading matches, is titled by it.
  if (lead?.type === 'heading' && naming(lead) && !tree.blocks.slice(1).some((b) => b.type === 'heading' && b.level <= lead.level)) return tidy(lead.text);
  if (tree.format === 'pdf' && lead?.type === 'paragraph' && lead.text.split(/\s+/).length <= 12 && !/[.:;,]$/.test(lead.text)) return lead.text;
  const first = root.children[0];
  if (first?.heading && naming(first.heading) && first.heading.level <= 2 && root.children.length === 1) return tidy(first.heading.text);
  const pdfTitle = tree.metadata.pdfTitle;
  if (typeof pdfTitle === 'string' && pdfTitle && !/^(untitled|microsoft word|document\d*)\b|\.(docx?|pdf)$/i.test(pdfTitle)) return pdfTitle;

  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[_-]+/g, ' ').trim();
  return base.charAt(0).toUpperCase() + base.slice(1);
}

function tidy(text: string): string {
  const t = text.replace(/\*\*/g, '').trim();
  return t === t.toUpperCase() && /[A-Z]{3}/.test(t) ? t.split(/\s+/).map((w) => (/^[A-Z]{2,}$/.test(w) && w.length > 3 ? w[0] + w.slice(1).toLowerCase() : w)).join(' ') : t;
}

/** Document history, glossary, references, examples, index lists, metadata: kept as notes, not steps. */
function documentNotes(tree: DocTree, root: Section, indexTexts: string[]): string[] {
  const notes: string[] = [];
  const visit = (s: Section) => {
    if (s.heading && isExcludedKind(s.kind) && s.kind !== 'roles' && s.kind !== 'context') {
      const text = renderText(s.kind === 'index' ? s.blocks : allBlocks(s)).replace(/\s+/g, ' ').trim();
      if (text && s.kind !== 'index') notes.push(`${s.title} (${s.kind}): ${clip(text)}`);
      if (s.kind !== 'index') return;
    }
    s.children.forEach(visit);
  };
  visit(root);
  for (const t of indexTexts) notes.push(`index: ${clip(t.replace(/\s+/g, ' '))}`);
  for (const [key, value] of Object.entries(tree.metadata)) {
    if (typeof value === 'string' || typeof value === 'number') notes.push(`metadata ${key}: ${clip(String(value))}`);
  }
  return notes;
}

function clip(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
