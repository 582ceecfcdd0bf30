/** Deepest nesting sopflow accepts in a document (flow brackets or block indentation levels). */
export const MAX_NESTING_DEPTH = 200;

/**
 * Pure and linear; the deepest flow-bracket nesting (`[` / `{`) in a YAML or JSON text, skipping
 * quoted strings and comments. Run before parsing so a "[[[[…" bomb is refused without recursion.
 */
export function maxFlowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && isQuoteStart(text, i))) quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return max;
}

// An apostrophe inside a plain word ("don't") is not a quote.
function isQuoteStart(text: string, i: number): boolean {
  const prev = text[i - 1];
  return i === 0 || prev === ' ' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || prev === '-';
}

/**
 * Pure and linear; an upper bound on how deep a YAML text can nest: every block level needs more
 * indentation (a list under a key may share it, hence the factor 2), every flow level a bracket.
 * When the bound is within the limit, walking the parsed value is unnecessary.
 */
export function nestingBound(text: string, flowDepth: number): number {
  let maxIndent = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (i < text.length && (text[i] === ' ' || text[i] === '-' || text[i] === '\t')) i++;
    if (i - lineStart > maxIndent) maxIndent = i - lineStart;
    const end = text.indexOf('\n', i);
    if (end < 0) break;
    lineStart = end + 1;
  }
  return 2 * (maxIndent + 1) + flowDepth + 1;
}

/** Pure; depth of a plain JS value, computed iteratively (no recursion), stopping early past `limit`. */
export function valueDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > max) max = depth + 1;
    if (max > limit) return max;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return max;
}
