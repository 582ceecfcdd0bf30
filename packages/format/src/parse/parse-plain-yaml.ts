/**
 * Pure; a very fast reader for the plainest YAML, the shape large generated workflows take: a
 * top-level block mapping whose values are scalars, one-line flow collections, or block lists of
 * one-line items (`  - { id: a, type: human }`). It returns exactly the data js-yaml's core schema
 * would, or `undefined` for anything outside that subset (comments, anchors, tags, quotes other
 * than escape-free double quotes, block scalars, nested block mappings, duplicate keys, numbers
 * other than plain decimal integers…), and the caller then parses with js-yaml as before.
 */
export function parsePlainYaml(text: string): Record<string, unknown> | undefined {
  const reader: Reader = { text, i: 0, depth: 0 };
  const root: Record<string, unknown> = {};
  const n = text.length;
  while (reader.i < n) {
    const lineEnd = endOfLine(text, reader.i);
    if (lineEnd === reader.i) { reader.i++; continue; }
    const key = readKey(reader);
    if (key === undefined || Object.hasOwn(root, key)) return undefined;
    if (text.charCodeAt(reader.i) !== COLON) return undefined;
    reader.i++;
    if (reader.i === lineEnd) {
      const list = readBlockList(reader);
      if (list === undefined) return undefined;
      root[key] = list;
      continue;
    }
    if (text.charCodeAt(reader.i) !== SPACE) return undefined;
    const value = readLineValue(reader, lineEnd);
    if (value === FAIL) return undefined;
    root[key] = value;
    reader.i = lineEnd + 1;
  }
  return Object.keys(root).length === 0 ? undefined : root;
}

interface Reader { text: string; i: number; depth: number }
const FAIL: unique symbol = Symbol('fail');
type Value = unknown;

const SPACE = 32, COLON = 58, COMMA = 44, DASH = 45, QUOTE = 34, BACKSLASH = 92, DELETE = 0x7f;
const OPEN_CURLY = 123, CLOSE_CURLY = 125, OPEN_SQUARE = 91, CLOSE_SQUARE = 93;
/** Deeper flow nesting than this is left to js-yaml and the nesting checks. */
const MAX_DEPTH = 16;

/** The items of a block list under a `key:` line; every item fits on its own line. */
function readBlockList(reader: Reader): unknown[] | undefined {
  const { text } = reader;
  reader.i++;
  const items: unknown[] = [];
  let indent = -1;
  while (reader.i < text.length) {
    const start = reader.i;
    const lineEnd = endOfLine(text, start);
    if (lineEnd === start) { reader.i++; continue; }
    let j = start;
    while (text.charCodeAt(j) === SPACE) j++;
    if (text.charCodeAt(j) !== DASH) {
      if (j === start) break; // the next top-level key
      return undefined;
    }
    if (indent === -1) indent = j - start;
    else if (indent !== j - start) return undefined;
    if (text.charCodeAt(j + 1) !== SPACE) return undefined;
    reader.i = j + 2;
    const value = readLineValue(reader, lineEnd);
    if (value === FAIL) return undefined;
    items.push(value);
    reader.i = lineEnd + 1;
  }
  return items.length === 0 ? undefined : items;
}

/** A scalar or one-line flow collection that ends exactly at `lineEnd` (trailing spaces allowed). */
function readLineValue(reader: Reader, lineEnd: number): Value | typeof FAIL {
  const { text } = reader;
  skipSpaces(reader);
  const c = text.charCodeAt(reader.i);
  const value = c === OPEN_CURLY || c === OPEN_SQUARE || c === QUOTE ? readFlowValue(reader) : readPlain(reader, lineEnd);
  if (value === FAIL) return FAIL;
  skipSpaces(reader);
  return reader.i === lineEnd ? value : FAIL;
}

function readFlowValue(reader: Reader): Value | typeof FAIL {
  const { text } = reader;
  const c = text.charCodeAt(reader.i);
  if (c === QUOTE) return readQuoted(reader);
  if (c !== OPEN_CURLY && c !== OPEN_SQUARE) return readPlain(reader, -1);
  if (++reader.depth > MAX_DEPTH) return FAIL;
  reader.i++;
  const close = c === OPEN_CURLY ? CLOSE_CURLY : CLOSE_SQUARE;
  const map: Record<string, unknown> | undefined = c === OPEN_CURLY ? {} : undefined;
  const list: unknown[] | undefined = c === OPEN_SQUARE ? [] : undefined;
  skipSpaces(reader);
  if (text.charCodeAt(reader.i) === close) { reader.i++; reader.depth--; return map ?? list; }
  for (;;) {
    skipSpaces(reader);
    if (map) {
      const key = readKey(reader);
      if (key === undefined || Object.hasOwn(map, key)) return FAIL;
      if (text.charCodeAt(reader.i) !== COLON || text.charCodeAt(reader.i + 1) !== SPACE) return FAIL;
      reader.i += 2;
      skipSpaces(reader);
      const value = readFlowValue(reader);
      if (value === FAIL) return FAIL;
      map[key] = value;
    } else {
      const value = readFlowValue(reader);
      if (value === FAIL) return FAIL;
      list!.push(value);
    }
    skipSpaces(reader);
    const next = text.charCodeAt(reader.i++);
    if (next === close) { reader.depth--; return map ?? list; }
    if (next !== COMMA) return FAIL;
  }
}

/** `"…"` of printable ASCII without escapes (js-yaml refuses some other characters; leave those to it). */
function readQuoted(reader: Reader): Value | typeof FAIL {
  const { text } = reader;
  const start = reader.i + 1;
  for (let j = start; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) { reader.i = j + 1; return text.slice(start, j); }
    if (c === BACKSLASH || c < SPACE || c >= DELETE) return FAIL;
  }
  return FAIL;
}

/**
 * A plain scalar of letters, digits, `_`, `.`, `-`, `/` and inner single spaces: a string when it
 * starts with a letter (and is no core-schema null/bool), a number when it is a plain decimal
 * integer, a string when it is a dotted version such as 1.0.0. Anything else fails.
 */
function readPlain(reader: Reader, lineEnd: number): Value | typeof FAIL {
  const { text } = reader;
  const start = reader.i;
  let j = start;
  for (;;) {
    const c = text.charCodeAt(j);
    if (isWordChar(c)) { j++; continue; }
    if (c === SPACE && isWordChar(text.charCodeAt(j + 1))) { j++; continue; }
    break;
  }
  if (j === start) return FAIL;
  if (lineEnd >= 0) {
    // Block context: the scalar runs to the end of the line (only trailing spaces may follow).
    let k = j;
    while (text.charCodeAt(k) === SPACE) k++;
    if (k !== lineEnd) return FAIL;
  }
  reader.i = j;
  const word = text.slice(start, j);
  const first = word.charCodeAt(0);
  if (isLetter(first)) return RESERVED.has(word) ? FAIL : word;
  if (INTEGER.test(word)) return Number(word);
  if (VERSION.test(word)) return word;
  return FAIL;
}

const RESERVED = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const INTEGER = /^(0|[1-9][0-9]{0,14})$/;
const VERSION = /^[0-9]+(\.[0-9]+){2,}$/;

/** A block or flow key: an identifier (no quotes), followed directly by `:`. */
function readKey(reader: Reader): string | undefined {
  const { text } = reader;
  const start = reader.i;
  if (!isLetter(text.charCodeAt(start)) && text.charCodeAt(start) !== 95) return undefined;
  let j = start + 1;
  for (let c = text.charCodeAt(j); isLetter(c) || isDigit(c) || c === 95 || c === DASH; c = text.charCodeAt(++j));
  reader.i = j;
  const key = text.slice(start, j);
  return key === '__proto__' ? undefined : key;
}

function isLetter(c: number): boolean { return (c >= 65 && c <= 90) || (c >= 97 && c <= 122); }
function isDigit(c: number): boolean { return c >= 48 && c <= 57; }
function isWordChar(c: number): boolean { return isLetter(c) || isDigit(c) || c === 95 || c === 46 || c === DASH || c === 47; }

function skipSpaces(reader: Reader): void {
  while (reader.text.charCodeAt(reader.i) === SPACE) reader.i++;
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}
