import type { Block, ParagraphBlock } from '../tree/doc-tree.js';

/**
 * Pure; a paragraph holding a whole enumeration whose lines were joined ("(1) Scan every receipt.
 * (2) Choose the cost centre. (3) Submit the claim.", "a. Switch on the hoods. b. Read the
 * temperatures.") becomes one paragraph per item, so the items group into a list like any typed
 * enumeration. Only when the paragraph opens with the first marker ("(1)", "1)", "a.", "a)",
 * "(a)") and each next marker, in order, starts a sentence; "we (1) check and (2) fix" is prose.
 */
export function splitEnumeratedRuns(blocks: Block[]): Block[] {
  return blocks.flatMap((b): Block[] => (b.type === 'paragraph' ? splitRun(b) : [b]));
}

const FIRST = /^(\(?)(1|a)([.)])\s+(?=\S)/;

function splitRun(block: ParagraphBlock): ParagraphBlock[] {
  const m = block.text.match(FIRST);
  // "(1." and "1." are not a pair of brackets; markdown reads "1." lines as a list already.
  if (!m || (m[1] === '(' && m[3] !== ')') || (m[1] === '' && m[2] === '1' && m[3] === '.')) return [block];
  const [, open, first, close] = m;
  const cuts: number[] = [0];
  let value = first;
  for (;;) {
    value = /\d/.test(value) ? String(Number(value) + 1) : String.fromCharCode(value.charCodeAt(0) + 1);
    const marker = `${open}${value}${close}`;
    const at = findMarker(block.text, marker, cuts[cuts.length - 1] + 1);
    if (at < 0) break;
    cuts.push(at);
  }
  if (cuts.length < 2) return [block];
  return cuts.map((from, i) => {
    const text = block.text.slice(from, cuts[i + 1] ?? block.text.length).trim();
    return { ...block, text, links: block.links.filter((l) => text.includes(l.text)), source: { ...block.source, text: text.slice(0, 160) } };
  });
}

/** Where " b. Read …" starts: the marker after a sentence's end, followed by a capital. */
function findMarker(text: string, marker: string, from: number): number {
  let at = text.indexOf(` ${marker} `, from);
  while (at >= 0) {
    if (/[.!?:;)]$/.test(text.slice(0, at).trimEnd()) && /^[A-Z"“(`*]/.test(text.slice(at + marker.length + 2))) return at + 1;
    at = text.indexOf(` ${marker} `, at + 1);
  }
  return -1;
}
