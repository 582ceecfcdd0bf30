/**
 * ReadMe's legacy markdown blocks (`[block:api-header]` + JSON + `[/block]`) as the markdown they
 * render: section headings, callouts as admonitions, parameter grids as tables, code samples as
 * fenced code; images, embeds and HTML are dropped. Pure.
 */

const BLOCK = /^\[block:([a-z-]+)\][ \t]*\n([\s\S]*?)\n\[\/block\][ \t]*$/gm;

/** Rewrites every ReadMe block; the line count is kept unless a block's text needs more lines than its JSON took. */
export function rewriteReadmeBlocks(text: string): string {
  if (!text.includes('[block:')) return text;
  return text.replace(BLOCK, (whole, type: string, json: string) => {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      return whole;
    }
    const lines = renderBlock(type, data && typeof data === 'object' ? (data as Record<string, unknown>) : {});
    const height = whole.split('\n').length;
    return [...lines, ...Array<string>(Math.max(0, height - lines.length)).fill('')].join('\n');
  });
}

function renderBlock(type: string, data: Record<string, unknown>): string[] {
  switch (type) {
    case 'api-header': {
      const title = oneLine(data.title);
      const level = typeof data.level === 'number' && data.level >= 1 && data.level <= 6 ? data.level : 1;
      return title ? ['', `${'#'.repeat(level)} ${title}`, ''] : [];
    }
    case 'callout': {
      const body = String(data.body ?? '').split('\n').map((l) => `> ${l}`.trimEnd());
      return ['', `> [!${oneLine(data.type) || 'note'}] ${oneLine(data.title)}`.trimEnd(), ...body, ''];
    }
    case 'parameters':
      return ['', ...parameterTable(data), ''];
    case 'code': {
      const codes = Array.isArray(data.codes) ? data.codes : [];
      return codes.flatMap((c: { code?: unknown; language?: unknown }) => ['', `\`\`\`${oneLine(c.language)}`, ...String(c.code ?? '').split('\n'), '```', '']);
    }
    default:
      return [];
  }
}

/** `{"data": {"h-0": "Role", "0-0": "Nurse", "0-1": "…"}, "cols": 2}` → a GFM table (rows counted from the cells, not the often stale "rows"). */
function parameterTable(data: Record<string, unknown>): string[] {
  const cells = data.data && typeof data.data === 'object' ? (data.data as Record<string, unknown>) : {};
  let cols = typeof data.cols === 'number' ? data.cols : 0;
  let rows = 0;
  for (const key of Object.keys(cells)) {
    const m = key.match(/^(\d+|h)-(\d+)$/);
    if (!m) continue;
    cols = Math.max(cols, Number(m[2]) + 1);
    if (m[1] !== 'h') rows = Math.max(rows, Number(m[1]) + 1);
  }
  if (cols === 0) return [];
  const cell = (key: string) => oneLine(cells[key]).replace(/\|/g, '\\|');
  const row = (r: string) => `| ${Array.from({ length: cols }, (_, c) => cell(`${r}-${c}`)).join(' | ')} |`;
  return [row('h'), `|${' --- |'.repeat(cols)}`, ...Array.from({ length: rows }, (_, r) => row(String(r)))];
}

function oneLine(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/\s*\n\s*/g, ' ').trim() : '';
}
