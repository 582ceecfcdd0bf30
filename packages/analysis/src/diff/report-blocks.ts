/** A report as plain blocks, rendered the same way as text or markdown. */
export type ReportBlock =
  | { type: 'heading'; text: string; level: 1 | 2 }
  | { type: 'line'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; headers: string[]; rows: string[][] };

export type ReportFormat = 'text' | 'markdown';

/** Pure; the blocks as plain text (aligned columns) or GitHub markdown. */
export function renderBlocks(blocks: readonly ReportBlock[], format: ReportFormat): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'heading':
        if (out.length > 0) out.push('');
        out.push(format === 'markdown' ? `${'#'.repeat(block.level)} ${block.text}` : block.level === 1 ? block.text.toUpperCase() : `${block.text}:`);
        break;
      case 'line':
        out.push(block.text);
        break;
      case 'list':
        for (const item of block.items) out.push(`${format === 'markdown' ? '-' : '  -'} ${item}`);
        if (block.items.length === 0) out.push(format === 'markdown' ? '_none_' : '  (none)');
        break;
      case 'table':
        out.push(...(format === 'markdown' ? markdownTable(block.headers, block.rows) : textTable(block.headers, block.rows)));
        break;
      default:
        assertNever(block);
    }
  }
  return `${out.join('\n')}\n`;
}

function markdownTable(headers: string[], rows: string[][]): string[] {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  return [`| ${headers.map(esc).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)];
}

function textTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `  ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ')}`.trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Pure; milliseconds as a short human duration ("850ms", "4.2s", "3m 05s", "2h 10m"). */
export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  return `${Math.floor(ms / 3_600_000)}h ${String(Math.round((ms % 3_600_000) / 60_000)).padStart(2, '0')}m`;
}

/** Pure; a 0..1 rate as a percentage with one decimal ("87.5%"). */
export function formatRate(rate: number | undefined): string {
  return rate === undefined ? '–' : `${(rate * 100).toFixed(1)}%`;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
