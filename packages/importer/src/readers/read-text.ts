import type { DocTree } from '../tree/doc-tree.js';
import { linesToBlocks, looksLikeHeading, type TextLine } from './lines-to-blocks.js';

/**
 * Pure; plain text → document tree. Headings: `#` lines, setext underlines (`=` `-` `~` `^` `+`, in
 * that order of depth, as AsciiDoc writes them), a short first line
 * (the title), numbered or ALL-CAPS short lines that stand alone. Everything else goes through the
 * shared line classifier (bullets, numbers, check boxes, continuation lines).
 */
export function readText(text: string): DocTree {
  const raw = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n');
  const lines: TextLine[] = [];
  let gap = true;
  let sawTitle = false;
  for (let i = 0; i < raw.length; i++) {
    const current = raw[i];
    if (current.trim() === '') { gap = true; continue; }
    if (/^\s*(=+|-{3,})\s*$/.test(current) || isDeepUnderline(current, raw[i - 1])) { gap = true; continue; }
    const next = raw.slice(i + 1).find((l) => l.trim() !== '');
    const underline = raw[i + 1]?.match(/^\s*(=+|-+)\s*$/) ?? (isDeepUnderline(raw[i + 1], current) ? raw[i + 1].match(/^\s*([~^+])/) : null);
    const indent = current.length - current.trimStart().length;
    const line: TextLine = { text: current.trim(), indent, gapBefore: gap, line: i + 1 };
    const hashes = current.match(/^(#{1,6})\s+\S/);
    const nextBlank = (raw[i + 1] ?? '').trim() === '';
    if (hashes) line.headingLevel = hashes[1].length;
    else if (underline && current.trim().length > 0) line.headingLevel = SETEXT_LEVELS.indexOf(underline[1][0]) + 1;
    else if (!sawTitle && lines.length === 0 && nextBlank && current.trim().split(/\s+/).length <= 14 && !/[.:]$/.test(current.trim())) line.headingLevel = 1;
    else if (indent === 0 && (gap || nextBlank)) {
      const level = looksLikeHeading(current, next);
      if (level !== undefined) line.headingLevel = level + 1;
    }
    if (line.headingLevel !== undefined) sawTitle = true;
    lines.push(line);
    gap = false;
  }
  return { format: 'text', blocks: linesToBlocks(lines, 0, { nestIndented: true }), metadata: {} };
}

/** Underline characters by heading depth: `=` title, `-` section, then `~`, `^`, `+` below it. */
const SETEXT_LEVELS = '=-~^+';

/** `~~~~` / `^^^^` under a line of text about as long as it: a deeper heading's underline, not a code fence. */
function isDeepUnderline(line: string | undefined, above: string | undefined): boolean {
  const m = line?.match(/^\s*([~^+])\1{2,}\s*$/);
  const title = above?.trim() ?? '';
  return !!m && title.length > 0 && !/^([~^+=-])\1+$/.test(title) && Math.abs(line!.trim().length - title.length) <= Math.max(3, title.length / 3);
}
