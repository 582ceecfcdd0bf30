/**
 * Pure; reStructuredText → markdown with the same line numbers, so the markdown reader reads it
 * structurally: section titles (underlined, optionally overlined; levels in order of first use),
 * enumerated lists (`#.`, `1.`, `(a)`, `a)`), admonition directives (`.. note::` …) as quotes,
 * `.. code-block::` and `::` literal blocks as code, other directives and comments dropped, a
 * leading field list (`:Author: …`) as front matter, and inline roles and links as their text.
 */
export function rstToMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  const styles: string[] = [];
  const adornment = (l: string | undefined) => (l !== undefined && /^([=\-~^"'`#*+:._,])\1{2,}\s*$/.test(l) ? l[0] : undefined);
  const fields: string[] = [];
  let seenContent = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const over = adornment(line);
    // Overlined title: "====" / "Title" / "====".
    if (over && lines[i + 1]?.trim() && adornment(lines[i + 2]) === over) {
      out.push('', `${'#'.repeat(level(styles, `${over}${over}`))} ${inlineText(lines[i + 1].trim())}`, '');
      i += 2; seenContent = true; continue;
    }
    const under = adornment(lines[i + 1]);
    if (line.trim() && !/^\s/.test(line) && under && lines[i + 1].trim().length >= line.trim().length && !adornment(line)) {
      out.push(`${'#'.repeat(level(styles, under))} ${inlineText(line.trim())}`, '');
      i += 1; seenContent = true; continue;
    }
    if (over) { out.push(''); continue; }
    const field = line.match(/^:([A-Za-z][\w -]{0,30}):\s+(.+)$/);
    if (field && !seenContent) { fields.push(`${field[1].toLowerCase()}: ${JSON.stringify(field[2].trim())}`); out.push(''); continue; }
    const directive = line.match(/^(\s*)\.\.\s+(?:([\w-]+)::\s*(.*)|.*)$/);
    if (directive) {
      const indent = directive[1].length;
      const body = blockAfter(lines, i, indent);
      const name = directive[2]?.toLowerCase() ?? '';
      const pad = ' '.repeat(indent);
      if (ADMONITIONS.test(name)) {
        const label = name === 'admonition' ? inlineText(directive[3] ?? '') : name.charAt(0).toUpperCase() + name.slice(1);
        out.push(`${pad}> **${label}:** ${name === 'admonition' ? '' : inlineText(directive[3] ?? '')}`.trimEnd());
        for (let j = i + 1; j <= body; j++) out.push(`${pad}> ${inlineText(lines[j].trim())}`.trimEnd());
        i = body;
      } else if (CODE.test(name)) {
        out.push(`${pad}\`\`\``);
        for (let j = i + 1; j <= body; j++) out.push(lines[j]);
        out.push(`${pad}\`\`\``);
        i = lines[body + 1]?.trim() === '' ? body + 1 : body;
      } else {
        for (let j = i; j <= body; j++) out.push('');
        i = body;
      }
      seenContent = true;
      continue;
    }
    if (line.trim()) seenContent = true;
    // "Run this::" + an indented block: a paragraph and a code block, indented to stay inside a list item.
    if (/::\s*$/.test(line) && !/^\s*\.\./.test(line)) {
      const body = blockAfter(lines, i, line.length - line.trimStart().length);
      if (body > i) {
        const item = enumerated(line);
        const pad = ' '.repeat(item.match(/^\s*(?:(?:\d+\.|[-*+])\s+)?/)?.[0].length ?? 0);
        out.push(inlineText(item.replace(/::\s*$/, line.trim() === '::' ? '' : ':')), `${pad}\`\`\``);
        for (let j = i + 2; j <= body; j++) out.push(lines[j]);
        out.push(`${pad}\`\`\``);
        i = lines[body + 1]?.trim() === '' ? body + 1 : body;
        continue;
      }
    }
    out.push(inlineText(enumerated(line)));
  }
  const md = out.join('\n');
  return fields.length > 0 ? `---\n${fields.join('\n')}\n---\n${md}` : md;
}

const ADMONITIONS = /^(?:note|warning|important|tip|caution|attention|danger|hint|error|seealso|admonition)$/;
const CODE = /^(?:code-block|code|sourcecode|highlight)$/;

/** "#." / "3." / "b)" / "(4)" enumerators as markdown's "1." (the list numbers itself). */
function enumerated(line: string): string {
  return line.replace(/^(\s*)(?:#|\d{1,3}|[a-z])[.)]\s+|^(\s*)\((?:#|\d{1,3}|[a-z])\)\s+/, (_m, a: string | undefined, b: string | undefined) => `${a ?? b ?? ''}1. `);
}

function level(styles: string[], style: string): number {
  if (!styles.includes(style)) styles.push(style);
  return Math.min(styles.indexOf(style) + 1, 6);
}

/** Index of the last line of the indented block following line `at` (blank lines inside allowed). */
function blockAfter(lines: string[], at: number, indent: number): number {
  let last = at;
  for (let j = at + 1; j < lines.length; j++) {
    const l = lines[j];
    if (l.trim() === '') continue;
    if (l.length - l.trimStart().length <= indent) break;
    last = j;
  }
  return last;
}

function inlineText(text: string): string {
  return text
    .replace(/:[\w:-]+:`([^`<]*?)\s*<[^>]*>`/g, '$1')
    .replace(/:[\w:-]+:`~?([^`]+)`/g, (_, t: string) => t.replace(/^.*\./, (m) => (/\s/.test(t) ? m : '')))
    .replace(/`([^`<]+?)\s*<([^>]+)>`__?/g, '[$1]($2)')
    .replace(/``([^`]+)``/g, '`$1`')
    .replace(/\b(\w+)_\b/g, '$1');
}
