/** Values read from a dotenv-style secrets file, and problems found (line numbers, never values). */
export interface ParsedSecretsFile {
  values: Map<string, string>;
  problems: string[];
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Pure; parses `NAME=value` lines. Blank lines and `#` comments are skipped; `export ` is
 * allowed; 'single quotes' are literal, "double quotes" understand \n \t \" \\; an unquoted
 * value ends at ` #`. A malformed line is reported by number and skipped.
 */
export function parseSecretsFile(text: string): ParsedSecretsFile {
  const values = new Map<string, string>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = LINE.exec(line);
    if (match === null) {
      problems.push(`line ${index + 1}: expected NAME=value`);
      continue;
    }
    const [, name, raw] = match;
    const value = parseValue(raw.trim());
    if (value === undefined) {
      problems.push(`line ${index + 1}: ${name} has an unterminated quote`);
      continue;
    }
    values.set(name, value);
  }
  return { values, problems };
}

function parseValue(raw: string): string | undefined {
  if (raw.startsWith("'")) {
    const end = raw.indexOf("'", 1);
    return end === -1 ? undefined : raw.slice(1, end);
  }
  if (raw.startsWith('"')) {
    let value = '';
    for (let index = 1; index < raw.length; index += 1) {
      const char = raw[index];
      if (char === '"') return value;
      if (char === '\\' && index + 1 < raw.length) {
        const next = raw[index + 1];
        value += ESCAPES[next] ?? `\\${next}`;
        index += 1;
      } else {
        value += char;
      }
    }
    return undefined;
  }
  const comment = raw.search(/\s#/);
  return (comment === -1 ? raw : raw.slice(0, comment)).trim();
}
