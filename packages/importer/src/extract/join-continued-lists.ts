import type { Block, ListBlock } from '../tree/doc-tree.js';

/** "Table 2. Thermocycling parameters …", "Figure 1 – Gel": a caption, not a section of the procedure. */
export function isCaptionHeading(text: string): boolean {
  return /^(?:table|figure|fig\.|diagram|image|chart|exhibit)\s+\d+[a-z]?\b\s*[.:\-–—)]?/i.test(text.replace(/\*\*/g, '').trim());
}

/**
 * Pure; an ordered list interrupted by a table, a code block, a paragraph or a caption and then
 * continued with the next number ("1. Mix …", a table, "2. Vortex …") is one list: the blocks in
 * between become part of the last item before them. Caption headings become paragraphs.
 */
export function joinContinuedLists(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let open: { list: ListBlock; index: number } | undefined;
  for (const block of blocks) {
    const b: Block = block.type === 'heading' && isCaptionHeading(block.text) ? { type: 'paragraph', text: block.text, links: block.links, source: block.source } : block;
    if (b.type === 'list' && b.ordered && open && continues(open.list, b)) {
      const between = out.splice(open.index + 1);
      const joined: ListBlock = { ...open.list, items: [...open.list.items] };
      const last = joined.items[joined.items.length - 1];
      joined.items[joined.items.length - 1] = { ...last, children: [...last.children, ...between] };
      joined.items.push(...b.items);
      out[open.index] = joined;
      open = { list: joined, index: open.index };
      continue;
    }
    if (b.type === 'heading' || b.type === 'rule') open = undefined;
    out.push(b);
    if (b.type === 'list' && b.ordered) open = { list: b, index: out.length - 1 };
  }
  return out;
}

function continues(before: ListBlock, next: ListBlock): boolean {
  const last = Number(before.items[before.items.length - 1]?.marker);
  const first = Number(next.items[0]?.marker);
  return Number.isInteger(last) && first === last + 1;
}
