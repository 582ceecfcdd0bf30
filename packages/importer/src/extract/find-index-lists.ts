import type { ListBlock } from '../tree/doc-tree.js';
import { tokens } from './decisions.js';
import { type Section, walkSections } from './sections.js';

/** Sections whose lists define, cite or log things: a term there that starts like a heading names no section. */
const NON_INDEX_KINDS = new Set(['glossary', 'references', 'history', 'metadata']);

/**
 * Pure; lists that are a table of contents: most items link to anchors in the document or name a
 * heading that comes later ("1. Preparation: get ready…" before a "PREPARATION" section), in the
 * headings' order. Returns each such list with the sections it names, in list order (none
 * for a table of contents of links). A glossary's terms are never an index.
 */
export function findIndexLists(root: Section): Map<ListBlock, Section[]> {
  const all: Section[] = [];
  walkSections(root, (s) => { if (s.heading) all.push(s); });
  const out = new Map<ListBlock, Section[]>();
  walkSections(root, (section) => {
    if (NON_INDEX_KINDS.has(section.kind)) return;
    for (const block of section.blocks) {
      if (block.type !== 'list' || block.items.length < 3) continue;
      const anchorLinks = block.items.filter((i) => i.links.some((l) => l.href.startsWith('#') && l.text.length >= i.text.replace(/^[\d.\s]+/, '').length * 0.6)).length;
      const after = all.filter((s) => s.heading!.source.paragraph > block.source.paragraph);
      const named: Section[] = [];
      for (const item of block.items) {
        const key = norm(item.text.split(/[:–—]| - /)[0]);
        const hit = after.find((s) => norm(s.title) === key || (key.length > 3 && norm(s.title).startsWith(key)) || sameWords(item.text, s.title));
        if (hit && !named.includes(hit)) named.push(hit);
      }
      // A table of contents of links is for reading, never a procedure of its sections; an overview
      // list in words ("1. Preparation … 6. Lessons learned") names the sections that hold the steps.
      if (anchorLinks >= block.items.length * 0.6) out.set(block, []);
      else if (named.length >= block.items.length * 0.6 && inDocumentOrder(named, all)) out.set(block, named);
    }
  });
  return out;
}

/** An overview names its sections in the order they come; a list of terms in another order is no overview. */
function inDocumentOrder(named: Section[], all: Section[]): boolean {
  return named.every((s, i) => i === 0 || all.indexOf(named[i - 1]) < all.indexOf(s));
}

function norm(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').replace(/\s+/g, ' ').trim();
}

/** "Restore a full database backup and perform PITR" names "Restore full database backup and perform PITR": the heading's words, reworded a little. */
function sameWords(item: string, title: string): boolean {
  const have = new Set(tokens(item));
  const want = tokens(title);
  return want.length >= 3 && want.filter((w) => have.has(w)).length >= want.length * 0.8 && have.size <= want.length * 2;
}
