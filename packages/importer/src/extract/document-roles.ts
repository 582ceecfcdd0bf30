import type { DocTree } from '../tree/doc-tree.js';
import type { ImportedSop } from '../import-result.js';
import { cleanRole } from './roles.js';
import { type Section, walkSections } from './sections.js';

// "Document owner", "SOP author", "Page maintainer", "Author", "Co-author", "Editor": roles of the text itself.
const GENERIC = /^(?:(?:document|sop|procedure|policy|page|content|runbook|playbook|handbook|guide)\s+(?:owners?|authors?|reviewers?|approvers?|editors?|controllers?|custodians?|maintainers?)|(?:co-?)?authors?|editors?|document controllers?)$/i;
const META_KEY = /^(?:authors?|owners?|maintainers?|reviewers?|approvers?|approved[_ -]?by|reviewed[_ -]?by|document[_ -]?owner|editors?|written[_ -]?by|prepared[_ -]?by)$/i;
const KEY_LINE = /\b(?:document owner|sop owner|owner|authors?|approved by|reviewed by|reviewers?|approvers?|maintained by|maintainers?|written by|prepared by|last reviewed by|editors?|signed off by)\s*:\s*(?:\*\*)?\s*([^|\n;]{2,80})/gi;
const ABOUT_TEXT = /\b(?:this|the) (?:document|procedure|sop|policy|page|runbook|playbook|guide|checklist) (?:is|was|will be) (?:owned|maintained|reviewed|approved|written|authored|prepared|signed off)(?: \w+)? by (?:the )?([^.,;]{2,60})/gi;

/**
 * Pure; names given only as the document's own author, owner, reviewer or approver: front-matter
 * keys, "Approved by: …" lines, document-control and revision tables, "This procedure is owned by …".
 */
export function documentRoleNames(tree: DocTree, root: Section): string[] {
  const out: string[] = [];
  const add = (value: unknown) => {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) if (typeof v === 'string') for (const part of v.split(/,|\band\b|\//)) out.push(cleanRole(part.replace(/\*\*/g, '')));
  };
  for (const [key, value] of Object.entries(tree.metadata)) if (META_KEY.test(key)) add(value);
  walkSections(root, (section) => {
    for (const block of section.blocks) {
      if (block.type === 'paragraph') {
        for (const m of block.text.matchAll(KEY_LINE)) add(m[1]);
        for (const m of block.text.matchAll(ABOUT_TEXT)) add(m[1].replace(/\s+(?:and|every|each|once|yearly|annually)\b.*$/i, ''));
      }
      if (block.type === 'table' && block.rows.length > 1) {
        const header = block.rows[0].map((c) => c.replace(/[*:]/g, '').trim());
        header.forEach((h, i) => { if (META_KEY.test(h.replace(/\s+/g, ' '))) block.rows.slice(1).forEach((r) => add(r[i] ?? '')); });
        // A key/value "Document control" table: "| Approver | Head of department |".
        for (const row of block.rows) if (row.length >= 2 && META_KEY.test(row[0].replace(/[*:]/g, '').trim())) add(row[1]);
      }
    }
  });
  return out.filter((r) => r.length > 1);
}

/**
 * Pure; drops from the SOP's roles the document's own roles (see documentRoleNames, plus generic
 * "Document owner" / "Author"), unless a step is done by that role.
 */
export function withoutDocumentRoles(sop: ImportedSop, documentNames: string[]): ImportedSop {
  const names = new Set(documentNames.map((n) => n.toLowerCase()));
  const acting = new Set(sop.steps.map((s) => s.role?.toLowerCase()).filter(Boolean));
  const roles = sop.roles.filter((r) => {
    const key = r.toLowerCase();
    if (acting.has(key)) return true;
    return !(GENERIC.test(r.trim()) || names.has(key));
  });
  return roles.length === sop.roles.length ? sop : { ...sop, roles };
}
