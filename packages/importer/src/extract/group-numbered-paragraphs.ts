import type { Block, ListBlock } from '../tree/doc-tree.js';

const MARKED = /^(?:(?:step|phase|stage)\s+(\d{1,3}[a-z]?)\s*[:.)\-–—]?|(\d{1,3})[.)])\s+(?=\S)/i;

/**
 * Pure; runs of two or more paragraphs typed with their own numbers ("Step 1: …", "2) …" — common
 * in Word files without list formatting, and in HTML `<p>`s) become one ordered list, so they are
 * read like any numbered procedure.
 */
export function groupNumberedParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let run: { block: Block & { type: 'paragraph' }; marker: string; text: string }[] = [];
  const flush = () => {
    if (run.length >= 2) {
      const list: ListBlock = {
        type: 'list', ordered: true, source: { ...run[0].block.source },
        items: run.map((r) => ({ text: r.text, marker: r.marker, links: r.block.links, children: [], source: r.block.source })),
      };
      out.push(list);
    } else out.push(...run.map((r) => r.block));
    run = [];
  };
  for (const block of blocks) {
    const m = block.type === 'paragraph' ? block.text.match(MARKED) : null;
    if (block.type === 'paragraph' && m) {
      run.push({ block, marker: m[1] ?? m[2], text: block.text.slice(m[0].length).trim() });
      continue;
    }
    flush();
    out.push(block);
  }
  flush();
  return out;
}
