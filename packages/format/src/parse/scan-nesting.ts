/** Deepest nesting sopflow accepts in a document (flow brackets or block indentation levels). */
export const MAX_NESTING_DEPTH = 200;

/**
 * Pure and linear; the deepest flow-bracket nesting (`[` / `{`) in a YAML or JSON text, skipping
 * quoted strings and comments (an upper bound, the bracket count, when that is at most the limit).
 * Run before parsing so a "[[[[…" bomb is refused without recursion.
 */
export function maxFlowDepth(text: string): number {
  // Fast exit: with few brackets in all, their count bounds the depth well enough.
  const brackets = countBrackets(text);
  if (brackets <= MAX_NESTING_DEPTH) return brackets;
  let depth = 0;
  let max = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Most characters are none of the ones below: skip them with one table look-up.
    if (c >= SCANNED.length || SCANNED[c] === 0) continue;
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE) i++;
      else if (c === quote || c === NEWLINE) quote = 0;
      continue;
    }
    if (c === DOUBLE || (c === SINGLE && isQuoteStart(text, i))) quote = c;
    else if (c === HASH && (i === 0 || text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === NEWLINE)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > max) max = depth;
    } else if ((c === CLOSE_SQUARE || c === CLOSE_CURLY) && depth > 0) depth--;
  }
  return max;
}

const [BACKSLASH, DOUBLE, SINGLE, NEWLINE, HASH, SPACE, OPEN_SQUARE, OPEN_CURLY, CLOSE_SQUARE, CLOSE_CURLY] =
  ['\\', '"', "'", '\n', '#', ' ', '[', '{', ']', '}'].map((ch) => ch.charCodeAt(0));

/** 1 for the characters maxFlowDepth acts on (quotes, escapes, newlines, comments, brackets). */
const SCANNED = new Uint8Array(128);
for (const c of [BACKSLASH, DOUBLE, SINGLE, NEWLINE, HASH, OPEN_SQUARE, OPEN_CURLY, CLOSE_SQUARE, CLOSE_CURLY]) SCANNED[c] = 1;

/** How many opening brackets the text has at all: an upper bound on the flow depth. */
function countBrackets(text: string): number {
  let count = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) count++;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) count++;
  return count;
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
