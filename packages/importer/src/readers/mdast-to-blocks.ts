import type { Nodes, Root, RootContent, List, PhrasingContent } from 'mdast';
import type { Block, InlineLink, ListItem, SourcePointer } from '../tree/doc-tree.js';
import { spanText } from '../tree/doc-tree.js';

/** Running state while flattening: paragraph counter and how to map positions. */
export interface BlockCursor {
  paragraph: number;
  /** Added to mdast line numbers (front matter removed before parsing). */
  lineOffset: number;
  /** Whether mdast line numbers mean anything (not for docx, whose HTML is generated). */
  keepLines: boolean;
}

/** Pure; flattens an mdast tree (from remark or rehype-remark) into document blocks. */
export function mdastToBlocks(root: Root, cursor: BlockCursor): Block[] {
  const out: Block[] = [];
  let level = 1;
  // The level of the last heading, bold numbered ones included: run-in headings go one below it.
  let below = 1;
  // Paragraphs opening with a bold label ("**Accounts.** Disable …") since the last heading.
  let runIn: { at: number; label: string; level: number }[] = [];
  const split = new Map<number, Block[]>();
  const splitRunIns = () => {
    if (runIn.length >= RUN_IN_MIN) for (const r of runIn) split.set(r.at, runInHeading(out[r.at], r.label, r.level));
    runIn = [];
  };
  for (const node of root.children) {
    const before = out.length;
    convertNode(node, cursor, out);
    const block = out[before];
    if (block?.type === 'heading') { splitRunIns(); level = block.level; below = level; }
    // "**2. Set severity & tier**" alone on its line: a numbered heading written in bold (Word, wikis).
    else if (block?.type === 'paragraph' && node.type === 'paragraph' && isBoldNumberedHeading(node.children, block.text)) {
      splitRunIns();
      out[before] = { type: 'heading', level: Math.min(level + 1, 6), text: block.text, links: block.links, source: block.source };
      below = Math.min(level + 1, 6);
    } else if (block?.type === 'paragraph' && node.type === 'paragraph') {
      const label = runInLabel(node.children, block.text);
      if (label) runIn.push({ at: before, label, level: Math.min(below + 1, 6) });
    }
  }
  splitRunIns();
  return out.flatMap((b, i) => split.get(i) ?? [b]);
}

/** How many bold-labelled paragraphs under one heading make them run-in headings (one alone is emphasis). */
const RUN_IN_MIN = 3;

/** "**Accounts.** Disable the account …" → "Accounts": a short bold label ending in "." or ":", then text. */
function runInLabel(children: PhrasingContent[], text: string): string | undefined {
  const first = children.find((c) => !(c.type === 'text' && c.value.trim() === ''));
  if (first?.type !== 'strong') return undefined;
  const label = inline(first.children).text.trim();
  const rest = text.slice(text.indexOf(label) + label.length).replace(/^[.:]/, '').trim();
  if (!/[.:]$/.test(label) && !/^[.:]/.test(text.slice(text.indexOf(label) + label.length))) return undefined;
  const name = label.replace(/[.:]$/, '').trim();
  return name && rest && name.split(/\s+/).length <= 6 ? name : undefined;
}

/** A run-in heading as a heading block and the paragraph after its label. */
function runInHeading(block: Block, label: string, level: number): Block[] {
  if (block.type !== 'paragraph') return [block];
  const text = block.text.slice(block.text.indexOf(label) + label.length).replace(/^\s*[.:]\s*/, '').trim();
  return [{ type: 'heading', level, text: label, links: [], source: { ...block.source, text: label } }, { ...block, text }];
}

function isBoldNumberedHeading(children: PhrasingContent[], text: string): boolean {
  const content = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return content.length === 1 && content[0].type === 'strong' && /^(?:(?:step|phase|stage)\s+)?\d{1,2}(?:\.\d{1,2})*(?:\.?[a-z])?[.):]?\s+\S/i.test(text) && text.split(/\s+/).length <= 12 && !/[.;,:]$/.test(text);
}

function pointer(node: Nodes, text: string, cursor: BlockCursor): SourcePointer {
  const line = node.position?.start.line;
  const p: SourcePointer = { paragraph: cursor.paragraph++, text: spanText(text) };
  if (cursor.keepLines && line !== undefined) p.line = line + cursor.lineOffset;
  return p;
}

function convertNode(node: RootContent, cursor: BlockCursor, out: Block[]): void {
  switch (node.type) {
    case 'heading': {
      const { text, links } = inline(node.children);
      if (text) out.push({ type: 'heading', level: node.depth, text, links, source: pointer(node, text, cursor) });
      return;
    }
    case 'paragraph': {
      const { text, links } = inline(node.children);
      if (text) out.push({ type: 'paragraph', text, links, source: pointer(node, text, cursor) });
      return;
    }
    case 'list':
      out.push(convertList(node, cursor));
      return;
    case 'table': {
      const rows = node.children.map((row) => row.children.map((cell) => inline(cell.children, '\n').text));
      out.push({ type: 'table', header: true, rows, source: pointer(node, rows.map((r) => r.join(' | ')).join(' / '), cursor) });
      return;
    }
    case 'code':
      out.push({ type: 'code', lang: node.lang ?? undefined, text: node.value, source: pointer(node, node.value, cursor) });
      return;
    case 'blockquote': {
      const source = pointer(node, '', cursor);
      let admonition: string | undefined;
      let title: string | undefined;
      const lead = node.children[0];
      const first = lead?.type === 'paragraph' ? lead.children[0] : undefined;
      if (first?.type === 'text') {
        const m = first.value.match(/^\[!(\w+)\][ \t]*([^\n]*)\n?/);
        if (m) {
          admonition = m[1].toLowerCase();
          title = m[2].trim() || undefined;
          first.value = first.value.slice(m[0].length);
        }
      }
      const children: Block[] = [];
      for (const child of node.children) convertNode(child, cursor, children);
      source.text = spanText(children.map(blockText).join(' '));
      out.push({ type: 'quote', admonition, title, children, source });
      return;
    }
    case 'thematicBreak':
      out.push({ type: 'rule', source: pointer(node, '---', cursor) });
      return;
    case 'html': {
      const text = node.value.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      if (text) out.push({ type: 'paragraph', text, links: [], source: pointer(node, text, cursor) });
      return;
    }
    default:
      return;
  }
}

function convertList(node: List, cursor: BlockCursor): Block {
  const source = pointer(node, '', cursor);
  const start = node.start ?? 1;
  const items: ListItem[] = node.children.map((item, index) => {
    const [first, ...rest] = item.children;
    const head = first?.type === 'paragraph' ? inline(first.children) : { text: '', links: [] as InlineLink[] };
    const itemSource = pointer(item, head.text, cursor);
    const children: Block[] = [];
    for (const child of first?.type === 'paragraph' ? rest : item.children) convertNode(child, cursor, children);
    const li: ListItem = { text: head.text, links: head.links, children, source: itemSource };
    if (typeof item.checked === 'boolean') li.checked = item.checked;
    // A task box written as text ("[ ] …", "☐ …"), as Word and HTML conversions of task lists carry it.
    const box = li.checked === undefined ? li.text.match(/^\\?\[([ xX])\\?\]\s+|^([☐☑☒])\s*/u) : null;
    if (box) {
      li.checked = /[xX☑☒]/u.test(box[1] ?? box[2]);
      li.text = li.text.slice(box[0].length);
    }
    if (node.ordered) li.marker = String(start + index);
    return li;
  });
  source.text = spanText(items.map((i) => i.text).join(' · '));
  return { type: 'list', ordered: node.ordered === true, items, source };
}

/** Inline text with links collected; `br` is the separator used for hard breaks and `<br>`. */
export function inline(nodes: PhrasingContent[], br = ' '): { text: string; links: InlineLink[] } {
  const links: InlineLink[] = [];
  const walk = (list: PhrasingContent[]): string => list.map((n) => {
    switch (n.type) {
      case 'text': return n.value;
      case 'inlineCode': return n.value;
      case 'break': return br;
      case 'html': return /^<br\s*\/?>$/i.test(n.value.trim()) ? br : '';
      case 'image': case 'imageReference': case 'footnoteReference': return '';
      case 'link': {
        const text = walk(n.children);
        links.push({ text: text.trim(), href: n.url });
        return text;
      }
      default:
        return 'children' in n ? walk(n.children as PhrasingContent[]) : '';
    }
  }).join('');
  const raw = walk(nodes);
  const text = br === '\n'
    ? raw.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n')
    : raw.replace(/\s+/g, ' ').trim();
  return { text, links };
}

/** All text of a block, flattened (used for notes and descriptions). */
export function blockText(block: Block): string {
  switch (block.type) {
    case 'heading': case 'paragraph': return block.text;
    case 'list': return block.items.map((i) => [i.text, ...i.children.map(blockText)].filter(Boolean).join('\n')).join('\n');
    case 'table': return block.rows.map((r) => r.join(' | ')).join('\n');
    case 'code': return block.text;
    case 'quote': return [block.title, ...block.children.map(blockText)].filter(Boolean).join('\n');
    case 'rule': return '';
  }
}
