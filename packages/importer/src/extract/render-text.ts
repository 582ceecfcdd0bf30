import type { Block } from '../tree/doc-tree.js';
import { assertNever } from '../tree/doc-tree.js';

/** Pure; blocks as readable plain text for a step description or a note (lists as "- item"). */
export function renderText(blocks: Block[], indent = ''): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'heading': out.push(`${indent}${b.text}`); break;
      case 'paragraph': out.push(`${indent}${b.text}`); break;
      case 'list':
        b.items.forEach((item, i) => {
          const mark = item.checked !== undefined ? (item.checked ? '[x]' : '[ ]') : b.ordered ? `${item.marker ?? i + 1}.` : '-';
          out.push(`${indent}${mark} ${item.text}`);
          const nested = renderText(item.children, `${indent}  `);
          if (nested) out.push(nested);
        });
        break;
      case 'table': out.push(...b.rows.filter((r) => r.some((c) => c.trim())).map((r) => `${indent}${r.map((c) => c.replace(/\n/g, ', ')).join(' | ')}`)); break;
      case 'code': out.push(`${indent}${b.text.trim()}`); break;
      case 'quote': {
        const inner = renderText(b.children, indent);
        out.push(`${indent}${b.admonition ? `${b.admonition.toUpperCase()}: ` : ''}${b.title ? `${b.title}. ` : ''}${inner.trim()}`);
        break;
      }
      case 'rule': break;
      default: assertNever(b);
    }
  }
  return out.join('\n');
}
