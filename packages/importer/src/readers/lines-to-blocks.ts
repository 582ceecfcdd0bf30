import type { Block, CodeBlock, ListBlock, ListItem, ParagraphBlock, SourcePointer } from '../tree/doc-tree.js';
import { spanText } from '../tree/doc-tree.js';

/** One physical line of a plain-text or PDF document, with the layout facts its reader knows. */
export interface TextLine {
  text: string;
  /** Left edge: leading spaces (text) or x in points (pdf). */
  indent: number;
  /** Whether a blank line or a large vertical gap precedes this line. */
  gapBefore: boolean;
  page?: number;
  line?: number;
  /** Heading level decided by the reader (pdf font size, markdown-style `#`), if any. */
  headingLevel?: number;
}

const BULLET = /^(?:[•▪◦‣∙●○■□◆◇➢➤►▶✓✔\-–—*·]|o(?=\s+[A-Z(])|[\uf000-\uf0ff])\s*(?=\S)/u;
const CHECKBOX = /^(?:[-*•]\s*)?(\[[ xX]\]|☐|☑|☒)\s+/u;
const NUMBER = /^(?:(?:step|phase|stage)\s+(\d{1,3}(?:\.\d{1,3})*)\s*[:.)\-–]?|(\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-z]|[ivx]{1,4})[.)]|\d{1,3}(?:\.\d{1,3})+))\s+(?=\S)/i;

type Kind =
  | { kind: 'item'; marker?: string; ordered: boolean; checked?: boolean; text: string }
  | { kind: 'text'; text: string };

/** How lines indented under a list item after a blank line are read. */
export interface LinesToBlocksOptions {
  /**
   * Plain text: a paragraph or command indented under an item after a blank line belongs to that
   * item (a paragraph or code child), and the list goes on after it. Off for PDF, whose indents
   * are x positions in points.
   */
  nestIndented?: boolean;
}

/** Pure; classifies lines (bullets, numbers, check boxes) and groups them into blocks. */
export function linesToBlocks(lines: TextLine[], firstParagraph = 0, options: LinesToBlocksOptions = {}): Block[] {
  const out: Block[] = [];
  let counter = firstParagraph;
  const ptr = (line: TextLine, text: string): SourcePointer => {
    const p: SourcePointer = { paragraph: counter++, text: spanText(text) };
    if (line.page !== undefined) p.page = line.page;
    if (line.line !== undefined) p.line = line.line;
    return p;
  };
  let para: { lines: TextLine[]; texts: string[] } | undefined;
  let stack: { indent: number; list: ListBlock }[] = [];
  let lastItem: { item: ListItem; indent: number } | undefined;
  // The paragraph or code block last nested under an item (plain text), which unbroken lines extend.
  let inner: { block: ParagraphBlock | CodeBlock; indent: number } | undefined;

  const flushPara = () => {
    if (!para) return;
    const text = para.texts.join(' ').replace(/\s+/g, ' ').trim();
    if (text) out.push({ type: 'paragraph', text, links: [], source: ptr(para.lines[0], text) });
    para = undefined;
  };
  const endLists = () => { stack = []; lastItem = undefined; inner = undefined; };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = line.text.trim();
    if (!text) continue;
    if (line.headingLevel !== undefined) {
      flushPara();
      endLists();
      const prev = out[out.length - 1];
      if (prev?.type === 'heading' && prev.level === line.headingLevel && !line.gapBefore && prev.source.page === line.page) {
        prev.text = `${prev.text} ${text}`;
        prev.source.text = spanText(prev.text);
      } else {
        out.push({ type: 'heading', level: line.headingLevel, text: stripMarker(text), links: [], source: ptr(line, text) });
      }
      continue;
    }
    let k = classify(text);
    const previous = i > 0 ? lines[i - 1].text.trim() : '';
    if (k.kind === 'item' && k.ordered && !line.gapBefore && previous && !/[.:;!?)]$/.test(previous) && lines[i - 1].headingLevel === undefined
      && !(lastItem && continuesNumbering(lastItem.item.marker, k.marker)) && !/^1(\.1)?$/.test(k.marker ?? '')) {
      // "… return to step" / "2.1 after the requester …": a wrapped line that starts with a number.
      k = { kind: 'text', text };
    }
    if (k.kind === 'item') {
      flushPara();
      inner = undefined;
      while (stack.length > 0 && line.indent < stack[stack.length - 1].indent - 1) stack.pop();
      const top = stack[stack.length - 1];
      const item: ListItem = { text: k.text, links: [], children: [], source: ptr(line, k.text) };
      if (k.marker) item.marker = k.marker;
      if (k.checked !== undefined) item.checked = k.checked;
      if (top && line.indent <= top.indent + 1) {
        if (top.list.ordered !== k.ordered && line.gapBefore) {
          stack.pop();
          const list = newList(k.ordered, line);
          (stack.length > 0 ? lastItemOf(stack[stack.length - 1].list).children : out).push(list);
          stack.push({ indent: line.indent, list });
        }
        stack[stack.length - 1].list.items.push(item);
      } else if (top && lastItem) {
        const list = newList(k.ordered, line);
        lastItem.item.children.push(list);
        stack.push({ indent: line.indent, list });
        list.items.push(item);
      } else {
        const list = newList(k.ordered, line);
        out.push(list);
        stack = [{ indent: line.indent, list }];
        list.items.push(item);
      }
      lastItem = { item, indent: line.indent };
      continue;
    }
    if (options.nestIndented && stack.length > 0) {
      if (inner && lastItem && !line.gapBefore && line.indent > lastItem.indent + 1) {
        inner.block.text = inner.block.type === 'code' ? `${inner.block.text}\n${' '.repeat(Math.max(0, line.indent - inner.indent))}${text}` : `${inner.block.text} ${text}`;
        inner.block.source.text = spanText(inner.block.text);
        continue;
      }
      const owner = line.gapBefore ? nestingItem(stack, line.indent) : undefined;
      if (owner) {
        // "$ git am mailbox" or a line indented past the item's text is a command; else a paragraph.
        const code = /^\$\s/.test(text) || line.indent >= owner.indent + 4;
        const block: ParagraphBlock | CodeBlock = code ? { type: 'code', text, source: ptr(line, text) } : { type: 'paragraph', text, links: [], source: ptr(line, text) };
        stack.length = owner.level + 1;
        owner.item.children.push(block);
        lastItem = { item: owner.item, indent: owner.indent };
        inner = { block, indent: line.indent };
        continue;
      }
    }
    if (lastItem && (!line.gapBefore || line.indent > lastItem.indent + 1)) {
      lastItem.item.text = `${lastItem.item.text} ${text}`.trim();
      lastItem.item.source.text = spanText(lastItem.item.text);
      continue;
    }
    // "1 | Park the forklift | Driver": a table row typed as text stands alone (the extractor regroups rows).
    const row = /\s\|\s.*\s\|\s/.test(text);
    if (line.gapBefore || row || (para && /\s\|\s.*\s\|\s/.test(para.texts[para.texts.length - 1]))) flushPara();
    endLists();
    if (!para) para = { lines: [], texts: [] };
    para.lines.push(line);
    para.texts.push(text);
  }
  flushPara();
  for (const b of out) if (b.type === 'list') b.source.text = spanText(b.items.map((x) => x.text).join(' · '));
  return out;

  function newList(ordered: boolean, line: TextLine): ListBlock {
    return { type: 'list', ordered, items: [], source: ptr(line, '') };
  }
}

/** The deepest open list whose last item a line indented this far sits under, with its nesting level. */
function nestingItem(stack: { indent: number; list: ListBlock }[], indent: number): { item: ListItem; indent: number; level: number } | undefined {
  for (let level = stack.length - 1; level >= 0; level--) {
    if (indent > stack[level].indent + 1) return { item: lastItemOf(stack[level].list), indent: stack[level].indent, level };
  }
  return undefined;
}

/** "3" after "2", "2.4" after "2.3", "2.1" after "2": the next item of a numbered list. */
function continuesNumbering(previous: string | undefined, marker: string | undefined): boolean {
  if (!previous || !marker) return false;
  const a = previous.split('.');
  const b = marker.split('.');
  if (b.length === a.length + 1 && b.slice(0, -1).join('.') === previous) return true;
  for (let n = Math.min(a.length, b.length); n >= 1; n--) {
    if (b.length === n && a.slice(0, n - 1).join('.') === b.slice(0, n - 1).join('.') && Number(b[n - 1]) === Number(a[n - 1]) + 1) return true;
  }
  return false;
}

function lastItemOf(list: ListBlock): ListItem {
  return list.items[list.items.length - 1];
}

function classify(text: string): Kind {
  const box = text.match(CHECKBOX);
  if (box) return { kind: 'item', ordered: false, checked: /[xX☑☒]/u.test(box[1]), text: text.slice(box[0].length).trim() };
  const num = text.match(NUMBER);
  if (num) return { kind: 'item', ordered: true, marker: (num[1] ?? num[2]).replace(/^\(|[.)]$/g, ''), text: text.slice(num[0].length).trim() };
  const bullet = text.match(BULLET);
  if (bullet && bullet[0].length < text.length) return { kind: 'item', ordered: false, text: text.slice(bullet[0].length).trim() };
  return { kind: 'text', text };
}

/** Numbered heading text keeps its number: "2.3 Budget approval" stays whole (the extractor reads it). */
function stripMarker(text: string): string {
  return text.replace(/^#+\s*/, '').replace(/\s*#+$/, '').trim();
}

/** A numbered or ALL-CAPS line that reads like a heading rather than a list item. */
export function looksLikeHeading(text: string, next: string | undefined): number | undefined {
  const t = text.trim();
  const words = t.split(/\s+/);
  const num = t.match(/^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.*)$/);
  // "2. The inspector records the defect in the" / next line "MES with photos.": a wrapped item.
  const wrapped = /\s(?:the|a|an|of|to|in|on|with|for|and|or|by|at|from|that|whether|into|is|are)$/i.test(t) || /^[a-z]/.test(next?.trim() ?? '');
  if (num && words.length <= 9 && !wrapped && !/[.;,:]$/.test(t) && /^[A-Z]/.test(num[2])) {
    const depth = num[1].split('.').length;
    const nextNum = next?.trim().match(/^(\d{1,2}(?:\.\d{1,2})*)\.?\s+\S/);
    if (!nextNum || nextNum[1].split('.').length > depth) return depth;
  }
  const letters = t.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 3 && letters === letters.toUpperCase() && words.length <= 10 && !/[.;,]$/.test(t) && !BULLET.test(t)) return 2;
  return undefined;
}
