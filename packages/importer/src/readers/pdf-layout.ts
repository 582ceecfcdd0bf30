import { looksLikeHeading, type TextLine } from './lines-to-blocks.js';
import type { PdfItem, PdfPage } from './pdf-types.js';

interface Line {
  page: number;
  y: number;
  x: number;
  x1: number;
  size: number;
  text: string;
}

/**
 * Pure; positioned PDF text → lines in reading order. Removes page headers and footers that
 * repeat across pages (digits ignored, so "Page 3" repeats), reads two-column pages column by
 * column, marks paragraph gaps, and turns larger font sizes (and ALL-CAPS lines) into heading levels.
 */
export function layoutPdfLines(pages: PdfPage[]): TextLine[] {
  const perPage = pages.map((page, index) => orderPage(page, index + 1));
  const repeated = repeatedMargins(perPage, pages);
  const kept = perPage.map((lines) => lines.filter((l) => !repeated.has(marginKey(l, pages[l.page - 1]))));
  const body = bodySize(kept.flat());
  const headingSizes = [...new Set(kept.flat().map((l) => round(l.size)).filter((s) => s > body * 1.12))].sort((a, b) => b - a);
  const out: TextLine[] = [];
  for (const lines of kept) {
    let prev: Line | undefined;
    let lineNo = 0;
    for (const [index, l] of lines.entries()) {
      lineNo++;
      const gap = prev === undefined || Math.abs(prev.y - l.y) > Math.max(1.45 * l.size, 1.45 * prev.size) || l.y > prev.y + l.size;
      const line: TextLine = { text: l.text, indent: l.x, gapBefore: gap, page: l.page, line: lineNo };
      let level = headingLevel(l, body, headingSizes);
      // Same-size numbered headings ("2.1 Daily check") standing alone after a gap.
      const numbered = gap && level === undefined ? looksLikeHeading(l.text, lines[index + 1]?.text) : undefined;
      if (numbered !== undefined && /^\d/.test(l.text)) level = headingSizes.length + 1 + numbered;
      if (level !== undefined) line.headingLevel = level;
      out.push(line);
      prev = l;
    }
  }
  return out;
}

function headingLevel(l: Line, body: number, sizes: number[]): number | undefined {
  const words = l.text.split(/\s+/).length;
  const keyValue = /^[A-Za-z][\w ./-]{0,30}:\s+\S/.test(l.text);
  const index = sizes.indexOf(round(l.size));
  if (index >= 0 && words <= 16 && !(keyValue && l.text === l.text.replace(/[A-Z]/g, ''))) {
    if (!keyValue || isCaps(l.text)) return index + 1;
  }
  if (round(l.size) >= round(body) && isCaps(l.text) && words <= 14 && !/^[•▪\-–*o\uf000-\uf0ff]\s/u.test(l.text)) return sizes.length + 1;
  return undefined;
}

function isCaps(text: string): boolean {
  const letters = text.replace(/[^A-Za-zÀ-ÿ]/g, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}

function round(size: number): number {
  return Math.round(size * 2) / 2;
}

function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(round(l.size), (weight.get(round(l.size)) ?? 0) + l.text.length);
  let best = 10;
  let most = -1;
  for (const [size, w] of weight) if (w > most) { best = size; most = w; }
  return best;
}

function marginKey(l: Line, page: PdfPage): string {
  const zone = l.y > page.height * 0.9 ? 'top' : l.y < page.height * 0.1 ? 'bottom' : 'body';
  return `${zone}|${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;
}

/** Margin lines repeated on at least half the pages (and on two or more), plus page numbers ("3", "Page 3 of 9"). */
function repeatedMargins(perPage: Line[][], pages: PdfPage[]): Set<string> {
  const count = new Map<string, number>();
  for (const lines of perPage) {
    const seen = new Set<string>();
    for (const l of lines) {
      const key = marginKey(l, pages[l.page - 1]);
      if (key.startsWith('body|')) continue;
      seen.add(key);
    }
    for (const k of seen) count.set(k, (count.get(k) ?? 0) + 1);
  }
  const out = new Set<string>();
  const need = Math.max(2, Math.ceil(perPage.length * 0.5));
  for (const [k, n] of count) {
    if (n >= need || /^(top|bottom)\|(page )?#( of #)?$|^(top|bottom)\|- # -$|^(top|bottom)\|.*\bpage # of #/.test(k)) out.add(k);
  }
  return out;
}

/** Lines of one page in reading order: full-width lines above the columns, left column, right column. */
function orderPage(page: PdfPage, pageNo: number): Line[] {
  const items = page.items;
  const bodyItems = items.filter((i) => i.y < page.height * 0.92 && i.y > page.height * 0.08);
  const gutter = findGutter(bodyItems, page.width);
  if (gutter === undefined) return buildLines(items, pageNo).sort(byPosition);
  const right = bodyItems.filter((i) => i.x >= gutter);
  const top = Math.max(...right.map((i) => i.y + i.size));
  // Everything left of the gutter below the top of the right column is the left column, down to
  // the page end: no line crosses the gutter, so nothing full-width sits between the columns.
  const above = items.filter((i) => i.y > top);
  const rest = items.filter((i) => i.y <= top);
  return [
    ...buildLines(above, pageNo).sort(byPosition),
    ...buildLines(rest.filter((i) => i.x < gutter), pageNo).sort(byPosition),
    ...buildLines(rest.filter((i) => i.x >= gutter), pageNo).sort(byPosition),
  ];
}

function byPosition(a: Line, b: Line): number {
  return b.y - a.y || a.x - b.x;
}

/** An x that no word crosses, with several aligned lines starting right of it: a column gutter. */
function findGutter(items: PdfItem[], width: number): number | undefined {
  if (items.length < 8) return undefined;
  let best: { g: number; span: number } | undefined;
  let runStart: number | undefined;
  for (let g = Math.round(width * 0.3); g <= Math.round(width * 0.75); g += 2) {
    const crossed = items.some((i) => i.x < g && i.x + i.width > g);
    if (!crossed && runStart === undefined) runStart = g;
    if ((crossed || g + 2 > width * 0.75) && runStart !== undefined) {
      const mid = Math.round((runStart + g) / 2);
      if (isGutter(items, mid) && (!best || g - runStart > best.span)) best = { g: mid, span: g - runStart };
      runStart = undefined;
    }
  }
  return best?.g;
}

function isGutter(items: PdfItem[], g: number): boolean {
  const right = items.filter((i) => i.x >= g);
  const starts = new Map<number, Set<number>>();
  for (const i of right) {
    const key = Math.round(i.x / 3);
    const ys = starts.get(key) ?? new Set<number>();
    ys.add(Math.round(i.y));
    starts.set(key, ys);
  }
  const aligned = Math.max(0, ...[...starts.values()].map((s) => s.size));
  if (aligned < 3) return false;
  const top = Math.max(...right.map((i) => i.y));
  const bottom = Math.min(...right.map((i) => i.y));
  const leftLines = new Set(items.filter((i) => i.x + i.width <= g && i.y <= top && i.y >= bottom).map((i) => Math.round(i.y)));
  return leftLines.size >= 3;
}

/** Items on one baseline (within 40% of the font size) become one line, words spaced by gaps. */
function buildLines(items: PdfItem[], pageNo: number): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of sorted) {
    const row = rows.find((r) => Math.abs(r[0].y - item.y) <= Math.max(1.5, 0.4 * Math.min(r[0].size, item.size)));
    if (row) row.push(item); else rows.push([item]);
  }
  return rows.map((row) => {
    row.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    let size = 0;
    for (const item of row) {
      if (text && item.x - end > 0.15 * item.size && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
      text += item.str;
      end = item.x + item.width;
      size = Math.max(size, item.size);
    }
    return { page: pageNo, y: row[0].y, x: row[0].x, x1: end, size, text: text.replace(/\s+/g, ' ').trim() };
  });
}
