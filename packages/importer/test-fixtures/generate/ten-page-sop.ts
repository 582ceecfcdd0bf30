import type { Block, DocTree } from '../../src/tree/doc-tree.js';
import { treeToPdf } from './tree-to-pdf.js';

/** Test/bench helper: a 10-page PDF SOP (one procedure, 40 numbered steps with prose) built with pdfkit. */
export function tenPageSop(): Promise<Uint8Array> {
  let p = 0;
  const src = (text: string) => ({ paragraph: p++, text });
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Warehouse Operations Manual', links: [], source: src('title') }];
  for (let section = 1; section <= 10; section++) {
    blocks.push({ type: 'heading', level: 2, text: `Procedure ${section}: Zone ${section} routine`, links: [], source: src('h') });
    blocks.push({
      type: 'list', ordered: true, source: src('list'),
      items: Array.from({ length: 4 }, (_, i) => ({
        text: `Inspect rack ${section}.${i + 1} and record the result in the zone log within 2 hours. ${'The shift lead checks the labels, the load limits and the floor markings, and reports any damage to the warehouse manager. '.repeat(4)}`,
        links: [], children: [], source: src('item'), marker: String(i + 1),
      })),
    });
    for (let k = 0; k < 3; k++) blocks.push({ type: 'paragraph', text: 'Background: racks are inspected so that damaged uprights are found before they fail. '.repeat(3), links: [], source: src('para') });
  }
  const tree: DocTree = { format: 'markdown', blocks, metadata: {} };
  return treeToPdf(tree, { header: 'Warehouse Operations Manual — rev 3', footer: 'Uncontrolled when printed', pageBreakLevel: 2 });
}
