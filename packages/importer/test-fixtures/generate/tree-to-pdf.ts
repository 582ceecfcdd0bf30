import PDFDocument from 'pdfkit';
import type { Block, DocTree } from '../../src/tree/doc-tree.js';

export interface PdfOptions {
  /** Repeated on every page (removed by the reader). */
  header?: string;
  footer?: string;
  /** Lay the text out in two columns. */
  twoColumns?: boolean;
  /** With two columns: start the right-hand column at the heading with this text. */
  columnBreakAt?: string;
  /** Start a new page before each heading of this level. */
  pageBreakLevel?: number;
}

/**
 * Test helper: renders a document tree to a PDF with pdfkit: larger fonts for headings, "•" and
 * "1." list markers, tables as "a | b" rows, a running header and footer with page numbers, and
 * optionally two text columns.
 */
export function treeToPdf(tree: DocTree, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 56, right: 56 }, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  const width = doc.page.width - 112;
  const columns = options.twoColumns ? 2 : 1;
  const gap = 24;
  const colWidth = (width - gap * (columns - 1)) / columns;
  let column = 0;
  const x = () => 56 + column * (colWidth + gap);
  const ensureSpace = (h: number) => {
    if (doc.y + h <= doc.page.height - 72) return;
    if (column + 1 < columns) { column++; doc.y = 72; return; }
    column = 0;
    doc.addPage();
  };
  const text = (s: string, size: number, indent = 0) => {
    doc.fontSize(size).font(size > 11 ? 'Helvetica-Bold' : 'Helvetica');
    const h = doc.heightOfString(s, { width: colWidth - indent });
    ensureSpace(h);
    doc.text(s, x() + indent, doc.y, { width: colWidth - indent });
    doc.moveDown(0.4);
  };
  const add = (block: Block, indent = 0) => {
    switch (block.type) {
      case 'heading':
        if (options.columnBreakAt === block.text && columns === 2 && column === 0) { column = 1; doc.y = 72; }
        if (options.pageBreakLevel !== undefined && block.level === options.pageBreakLevel && doc.y > 150) { column = 0; doc.addPage(); }
        text(block.text, block.level === 1 ? 20 : block.level === 2 ? 15 : 12.5);
        break;
      case 'paragraph': text(block.text, 10, indent); break;
      case 'list':
        block.items.forEach((item, i) => {
          const mark = item.checked !== undefined ? (item.checked ? '[x]' : '[ ]') : block.ordered ? `${item.marker ?? i + 1}.` : '•';
          text(`${mark} ${item.text}`, 10, indent);
          item.children.forEach((c) => add(c, indent + 16));
        });
        break;
      case 'table': block.rows.forEach((row) => text(row.join(' | ').replace(/\n/g, ', '), 10, indent)); break;
      case 'code': text(block.text, 9, indent); break;
      case 'quote': block.children.forEach((c) => add(c, indent)); break;
      case 'rule': break;
    }
  };
  doc.y = 72;
  tree.blocks.forEach((b) => add(b));
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.fontSize(8).font('Helvetica');
    doc.page.margins.bottom = 0;
    if (options.header) doc.text(options.header, 56, 30, { width, align: 'center', lineBreak: false });
    if (options.footer) doc.text(`${options.footer} — page ${i + 1} of ${range.count}`, 56, doc.page.height - 45, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
