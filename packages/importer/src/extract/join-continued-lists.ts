import type { Block, ListBlock } from '../tree/doc-tree.js';

/** "Table 2. Thermocycling parameters …", "Figure 1 – Gel": a caption, not a section of the procedure. */
export function isCaptionHeading(text: string): boolean {
  return /^(?:table|figure|fig\.|diagram|image|chart|exhibit)\s+\d+[a-z]?\b\s*[.:\-–—)]?/i.test(text.replace(/\*\*/g, '').trim());
}

/**
 * Pure; an ordered list interrupted by a table, a code block, a paragraph or a caption and then
 * continued with the next number ("1. Mix …", a table, "2. Vortex …") is one list: the blocks in
 * between become part of the last item before them. So is a bullet list interrupted by a note or
 * warning ("**STOP**: wait for the green light") and at most one paragraph, then going on with
 * bullets. Caption headings become paragraphs.
 */
export function joinContinuedLists(blocks: Block[]): Block[] {
  const out: Block[] = [];
  // The last numbered list and the last bullet list still open to a continuation.
  let open: { list: ListBlock; index: number } | undefined;
  let bullets: { list: ListBlock; index: number } | undefined;
  const join = (into: { list: ListBlock; index: number }, next: ListBlock) => {
    const between = out.splice(into.index + 1);
    const joined: ListBlock = { ...into.list, items: [...into.list.items] };
    const last = joined.items[joined.items.length - 1];
    joined.items[joined.items.length - 1] = { ...last, children: [...last.children, ...between] };
    joined.items.push(...next.items);
    out[into.index] = joined;
    return { list: joined, index: into.index };
  };
  for (const block of blocks) {
    const b: Block = block.type === 'heading' && isCaptionHeading(block.text) ? { type: 'paragraph', text: block.text, links: block.links, source: block.source } : block;
    if (b.type === 'list' && b.ordered && open && continues(open.list, b)) {
      open = join(open, b);
      if (bullets && bullets.index > open.index) bullets = undefined;
      continue;
    }
    if (b.type === 'list' && !b.ordered && bullets && resumesAfterNote(bullets.list, b, out.slice(bullets.index + 1))) {
      bullets = join(bullets, b);
      continue;
    }
    if (b.type === 'heading' || b.type === 'rule') open = bullets = undefined;
    out.push(b);
    if (b.type === 'list' && b.ordered) open = { list: b, index: out.length - 1 };
    else if (b.type === 'list') bullets = { list: b, index: out.length - 1 };
  }
  return out;
}

function continues(before: ListBlock, next: ListBlock): boolean {
  const last = Number(before.items[before.items.length - 1]?.marker);
  const first = Number(next.items[0]?.marker);
  return Number.isInteger(last) && first === last + 1;
}

/** Bullets, an admonition (and at most one paragraph), bullets again: one list the note interrupts. */
function resumesAfterNote(before: ListBlock, next: ListBlock, between: Block[]): boolean {
  const notes = between.filter(isNote).length;
  const paragraphs = between.filter((b) => b.type === 'paragraph').length;
  return notes >= 1 && paragraphs <= 1 && notes + paragraphs === between.length;
}

/** "!!! warning", "> [!NOTE]", "> **Warning:** …": an admonition, not a quoted e-mail or template. */
function isNote(block: Block): boolean {
  if (block.type !== 'quote') return false;
  const lead = block.children[0];
  return block.admonition !== undefined || (lead?.type === 'paragraph' && /^(?:\*\*)?(?:note|warning|important|caution|attention|danger|tip|hint|stop)\b/i.test(lead.text));
}
