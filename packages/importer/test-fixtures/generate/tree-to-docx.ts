import { Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, AlignmentType } from 'docx';
import type { Block, DocTree } from '../../src/tree/doc-tree.js';

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** Test helper: writes a document tree as a real Word file (headings, numbered/bulleted lists, tables). */
export async function treeToDocx(tree: DocTree): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  let listInstance = 0;
  const add = (block: Block, level = 0) => {
    switch (block.type) {
      case 'heading': children.push(new Paragraph({ text: block.text, heading: HEADINGS[Math.min(block.level, 6) - 1] })); break;
      case 'paragraph': children.push(new Paragraph({ children: [new TextRun(block.text)] })); break;
      case 'list': {
        const instance = listInstance++;
        for (const item of block.items) {
          const prefix = item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] ';
          children.push(new Paragraph({
            children: [new TextRun(prefix + item.text)],
            ...(block.ordered ? { numbering: { reference: 'steps', level, instance } } : { bullet: { level } }),
          }));
          for (const child of item.children) add(child, level + 1);
        }
        break;
      }
      case 'table':
        children.push(new Table({
          rows: block.rows.map((row, r) => new TableRow({
            children: row.map((cell) => new TableCell({ children: cell.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: r === 0 })] })) })),
            tableHeader: r === 0,
          })),
        }));
        break;
      case 'code': children.push(...block.text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, font: 'Courier New' })] }))); break;
      case 'quote': block.children.forEach((c) => add(c, level)); break;
      case 'rule': break;
    }
  };
  tree.blocks.forEach((b) => add(b));
  const doc = new Document({
    numbering: {
      config: [{
        reference: 'steps',
        levels: [0, 1, 2].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.START })),
      }],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
