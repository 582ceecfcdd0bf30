import type { Block, DocTree } from '../../packages/importer/src/tree/doc-tree.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'heading': return `<h${Math.min(block.level, 6)}>${esc(block.text)}</h${Math.min(block.level, 6)}>`;
    case 'paragraph': return `<p>${esc(block.text)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item) => {
        const box = item.checked === undefined ? '' : `<input type="checkbox"${item.checked ? ' checked' : ''} disabled> `;
        return `<li>${box}${esc(item.text)}${item.children.map(blockHtml).join('')}</li>`;
      });
      // A list that continues a numbering interrupted by other blocks starts where the source did.
      const start = Number(block.items[0]?.marker);
      return `<${tag}${block.ordered && Number.isInteger(start) && start > 1 ? ` start="${start}"` : ''}>${items.join('')}</${tag}>`;
    }
    case 'table': {
      const rows = block.rows.map((row, r) => {
        const cell = r === 0 && block.header ? 'th' : 'td';
        return `<tr>${row.map((c) => `<${cell}>${c.split('\n').map(esc).join('<br>')}</${cell}>`).join('')}</tr>`;
      });
      return `<table>${rows.join('')}</table>`;
    }
    case 'code': return `<pre><code>${esc(block.text)}</code></pre>`;
    case 'quote': return `<blockquote>${block.children.map(blockHtml).join('')}</blockquote>`;
    case 'rule': return '<hr>';
  }
}

/** Bench helper: writes a document tree as a plain HTML page (headings, lists, task boxes, tables, code, quotes). */
export function treeToHtml(tree: DocTree, title: string): Uint8Array {
  const body = tree.blocks.map(blockHtml).join('\n');
  return new TextEncoder().encode(`<!doctype html>\n<html><head><title>${esc(title)}</title></head><body>\n${body}\n</body></html>\n`);
}
