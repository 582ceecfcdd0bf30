import type { Block, TableBlock } from '../tree/doc-tree.js';

/** A paragraph typed as a table row: "1 | Submit the claim | Employee" (two or more bars). */
function cellsOf(block: Block): string[] | undefined {
  if (block.type !== 'paragraph' || !/\s\|\s.*\s\|\s/.test(block.text)) return undefined;
  return block.text.replace(/^\|\s*|\s*\|$/g, '').split(/\s+\|\s+/).map((c) => c.trim());
}

/**
 * Pure; three or more consecutive paragraphs with the same number of " | "-separated cells (text
 * and PDF renderings of a table) become one table, its first row the header, so tables read the
 * same in every format.
 */
export function groupPipeTables(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let run: { block: Block; cells: string[] }[] = [];
  const flush = () => {
    if (run.length >= 3) {
      const table: TableBlock = { type: 'table', header: true, rows: run.map((r) => r.cells), source: { ...run[0].block.source } };
      out.push(table);
    } else out.push(...run.map((r) => r.block));
    run = [];
  };
  for (const block of blocks) {
    const cells = cellsOf(block);
    if (cells && (run.length === 0 || run[0].cells.length === cells.length)) { run.push({ block, cells }); continue; }
    flush();
    if (cells) run.push({ block, cells });
    else out.push(block);
  }
  flush();
  return out;
}
