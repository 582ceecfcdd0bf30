import type { Block, ListBlock } from '../tree/doc-tree.js';
import { splitEnumeratedRuns } from './enumerated-runs.js';

const MARKED = /^(?:(?:step|phase|stage)\s+(\d{1,3}[a-z]?)\s*[:.)\-–—]?|\(?(\d{1,3}(?:\.\d{1,3})*|[a-z](?=[.)]\s+[A-Z]))[.)]|(☐|☑|☒|\[ \]|\[[xX]\])|([•▪●◦‣\uf0b7]))\s*(?=\S)/iu;
// "2.3 The owner confirms …": a multi-level number, then a capital — one such paragraph is an item.
const OUTLINE = /^([1-9]\d{0,2}(?:\.\d{1,3})+)\.?\s+(?=[A-Z(→])/u;

/**
 * Pure; runs of two or more paragraphs typed with their own markers ("Step 1: …", "2) …", "(3) …", "b. …", "☐ …",
 * "• …" — common in Word files without list formatting, and in HTML `<p>`s) become one list (ordered,
 * task list or bullets), so they are read like any other list.
 */
export function groupNumberedParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let run: { block: Block & { type: 'paragraph' }; marker?: string; box?: string; text: string }[] = [];
  const flush = () => {
    if (run.length >= 2 || (run.length === 1 && run[0].marker?.includes('.'))) {
      const list: ListBlock = {
        type: 'list', ordered: run[0].marker !== undefined, source: { ...run[0].block.source },
        items: run.map((r) => ({
          text: r.text, links: r.block.links, children: [], source: r.block.source,
          ...(r.marker ? { marker: r.marker } : {}),
          ...(r.box ? { checked: /[☑☒xX]/u.test(r.box) } : {}),
        })),
      };
      out.push(list);
    } else out.push(...run.map((r) => r.block));
    run = [];
  };
  for (const block of splitEnumeratedRuns(blocks)) {
    const outline = block.type === 'paragraph' ? block.text.match(OUTLINE) : null;
    const m = outline ? ([outline[0], undefined, outline[1]] as unknown as RegExpMatchArray) : block.type === 'paragraph' ? block.text.match(MARKED) : null;
    if (block.type === 'paragraph' && m) {
      const kind = m[1] ?? m[2] ? 'number' : m[3] ? 'box' : 'bullet';
      const previous = run[run.length - 1];
      const previousKind = previous ? (previous.marker ? 'number' : previous.box ? 'box' : 'bullet') : kind;
      if (previousKind !== kind) flush();
      run.push({ block, marker: m[1] ?? m[2], box: m[3], text: block.text.slice(m[0].length).trim() });
      continue;
    }
    flush();
    out.push(block);
  }
  flush();
  return out;
}
