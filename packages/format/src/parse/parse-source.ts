import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { LineCounter, parseAllDocuments, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Diagnostic, DocumentPath, SourceLocation } from '../model/diagnostic.js';
import { binary, decodeSourceBytes, MAX_SOURCE_BYTES, tooLarge } from './decode-source-bytes.js';
import { createLocator, type Locator } from './create-locator.js';
import { createFastLocator, createSpanRecorder, type Spans } from './create-fast-locator.js';
import { parsePlainYaml } from './parse-plain-yaml.js';
import { kindFromData, kindFromFileName, type SourceKind } from './detect-kind.js';
import { MAX_NESTING_DEPTH, maxFlowDepth, nestingBound, valueDepth } from './scan-nesting.js';

/** A parsed `.osop` / `.osoplog` / `.sop` document with a way back to source positions. */
export interface SourceDocument {
  file?: string;
  text: string;
  kind: SourceKind;
  /** The document as plain data (YAML core schema; JSON accepted). */
  data: unknown;
  yaml: Document;
  /** Position of the value at `path`; falls back to the nearest ancestor with a position. */
  locate(path: DocumentPath): SourceLocation;
  /** Position of the key holding `path` (for misspelt or duplicate keys); same fallback. */
  locateKey(path: DocumentPath): SourceLocation;
}

export interface ParseResult {
  source?: SourceDocument;
  diagnostics: Diagnostic[];
}

/** Aliases expanded while converting to data; past this the document is refused (billion laughs). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Pure; parses YAML or JSON text (or bytes) into a SourceDocument. Never throws: bad input
 * (not YAML, not a mapping, empty, binary, too large, alias bombs, deep nesting, duplicate keys,
 * several documents) yields diagnostics with stable codes and positions, and no source.
 */
export function parseSource(input: string | Uint8Array, file?: string): ParseResult {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > MAX_SOURCE_BYTES) return { diagnostics: [tooLarge(input.length, file)] };
    if (input.includes('\0')) return { diagnostics: [binary(file, 'contains a NUL character')] };
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decodeSourceBytes(input, file);
    if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
    text = decoded.text;
  }
  try {
    return parseText(text, file);
  } catch (error) {
    // Defensive: the yaml library should not throw here, but a stack overflow on hostile input might.
    return { diagnostics: [at(file, 'yaml-syntax', 1, 1, `the document could not be parsed: ${(error as Error).message}`)] };
  }
}

function parseText(text: string, file: string | undefined): ParseResult {
  if (text.trim() === '' || isOnlyComments(text)) {
    return { diagnostics: [at(file, 'empty-document', 1, 1, 'the document is empty', 'a workflow needs at least osop_version, id, name and nodes')] };
  }
  // The plainest documents (large generated ones) need neither js-yaml nor the nesting scans: the
  // plain reader accepts only shallow one-line items and yields exactly js-yaml's data.
  const plain = parsePlainYaml(text);
  if (plain !== undefined) return accept(text, file, plain, lazyDocument(text), () => spannedData(text), false);
  const flowDepth = maxFlowDepth(text);
  if (flowDepth > MAX_NESTING_DEPTH) {
    return { diagnostics: [at(file, 'too-deep', 1, 1, `the document nests more than ${MAX_NESTING_DEPTH} levels deep`)] };
  }
  const mayBeTooDeep = nestingBound(text, flowDepth) > MAX_NESTING_DEPTH;
  const fast = fastData(text);
  return fast.ok ? accept(text, file, fast.data, lazyDocument(text), () => spannedData(text), mayBeTooDeep) : parseCarefully(text, file);
}

/**
 * The fast path: js-yaml (YAML 1.2 core schema) reads plain documents about 15x faster than the
 * yaml library; the yaml Document that gives positions and keeps comments is then built only when
 * something asks for it. Documents with aliases, and anything js-yaml refuses, take the careful path.
 */
function fastData(text: string): { ok: true; data: unknown } | { ok: false } {
  if (ALIAS.test(text)) return { ok: false };
  try {
    return { ok: true, data: loadYaml(text, { schema: CORE_SCHEMA }) };
  } catch {
    return { ok: false };
  }
}
/**
 * Positions, on first demand: js-yaml again with a listener that records where every mapping and
 * list starts (twice the parse cost, so only paid when a diagnostic needs a line).
 */
function spannedData(text: string): { data: unknown; spans: Spans } | undefined {
  try {
    const recorder = createSpanRecorder(text);
    const data = loadYaml(text, { schema: CORE_SCHEMA, listener: recorder.listener as never });
    return { data, spans: recorder.spans };
  } catch {
    return undefined;
  }
}

const ALIAS = /(^|[\s,[{:-])\*[^\s,[\]{}]/m;

/** The careful path: the yaml library, with its exact error codes and positions and an alias limit. */
function parseCarefully(text: string, file: string | undefined): ParseResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (!Array.isArray(docs)) {
    return { diagnostics: [at(file, 'empty-document', 1, 1, 'the document is empty')] };
  }
  const diagnostics: Diagnostic[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) diagnostics.push(fromYamlError(error, lineCounter, file));
  }
  if (docs.length > 1) {
    const second = lineCounter.linePos(docs[1].range[0]);
    diagnostics.push(at(file, 'multiple-documents', second.line, second.col,
      `the file holds ${docs.length} YAML documents; sopflow reads one document per file`,
      'split the stream into one file per workflow, or remove the `---` separator'));
  }
  if (diagnostics.length > 0) return { diagnostics: sortByPosition(diagnostics) };

  const doc = docs[0];
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const isAlias = error instanceof ReferenceError || /alias/i.test((error as Error).message);
    return { diagnostics: [at(file, isAlias ? 'alias-limit' : 'yaml-syntax', 1, 1,
      isAlias ? `the document expands too many aliases (limit ${MAX_ALIAS_COUNT}); it looks like an alias bomb` : (error as Error).message)] };
  }
  return accept(text, file, data, () => ({ doc, lineCounter }));
}

function accept(
  text: string, file: string | undefined, data: unknown, document: () => { doc: Document; lineCounter: LineCounter },
  spanned?: () => { data: unknown; spans: Spans } | undefined, mayBeTooDeep = true,
): ParseResult {
  if (data === null || data === undefined) {
    return { diagnostics: [at(file, 'empty-document', 1, 1, 'the document is empty')] };
  }
  let locator: Locator | undefined;
  const locatorOf = (): Locator => {
    if (locator) return locator;
    const fast = spanned?.();
    locator = fast ? createFastLocator(text, fast.data, fast.spans) : createLocator(document().doc, document().lineCounter);
    return locator;
  };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const { line, column } = locatorOf().locate([]);
    return { diagnostics: [at(file, 'not-a-mapping', line, column,
      `the document is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not a mapping of keys to values`,
      FIRST_KEYS[kindFromFileName(file) ?? 'workflow'])] };
  }
  if (mayBeTooDeep && valueDepth(data, MAX_NESTING_DEPTH) > MAX_NESTING_DEPTH) {
    return { diagnostics: [at(file, 'too-deep', 1, 1, `the document nests more than ${MAX_NESTING_DEPTH} levels deep`)] };
  }
  const kind = kindFromFileName(file) ?? kindFromData(data);
  const source: SourceDocument = {
    file, text, kind, data,
    get yaml() { return document().doc; },
    locate: (path) => locatorOf().locate(path),
    locateKey: (path) => locatorOf().locateKey(path),
  };
  return { source, diagnostics: [] };
}

const FIRST_KEYS: Record<SourceKind, string> = {
  workflow: 'a workflow starts with keys such as `osop_version:`, `id:`, `name:` and `nodes:`',
  log: 'an execution log starts with keys such as `osoplog_version:`, `run_id:`, `workflow_id:` and `status:`',
  collection: 'a collection starts with keys such as `sop_version:`, `id:`, `name:` and `sections:`',
};

/** Builds the yaml Document (positions, comments) once, on first use. */
function lazyDocument(text: string): () => { doc: Document; lineCounter: LineCounter } {
  let built: { doc: Document; lineCounter: LineCounter } | undefined;
  return () => {
    if (!built) {
      const lineCounter = new LineCounter();
      built = { doc: parseDocument(text, { lineCounter, uniqueKeys: true }), lineCounter };
    }
    return built;
  };
}

function fromYamlError(error: YAMLError, lineCounter: LineCounter, file: string | undefined): Diagnostic {
  const pos = lineCounter.linePos(error.pos[0]);
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (error.code === 'DUPLICATE_KEY') {
    return at(file, 'duplicate-key', pos.line, pos.col, message.replace('Map keys must be unique', 'duplicate key: map keys must be unique'),
      'remove or rename one of the two keys; YAML keeps only one of them');
  }
  return at(file, 'yaml-syntax', pos.line, pos.col, `YAML syntax error: ${message}`, `yaml error code ${error.code}`);
}

function isOnlyComments(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(#.*)?$/.test(line) || /^\s*---\s*$/.test(line) || /^\s*\.\.\.\s*$/.test(line));
}

export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

function at(file: string | undefined, code: string, line: number, column: number, message: string, hint?: string): Diagnostic {
  return hint === undefined
    ? { code, severity: 'error', message, file, line, column }
    : { code, severity: 'error', message, file, line, column, hint };
}

/**
 * Pure; the same document with other data or another kind. Use this instead of `{ ...source }`:
 * spreading would read the lazy `yaml` getter and build the slow yaml Document for nothing.
 */
export function deriveSource(source: SourceDocument, changes: { data?: unknown; kind?: SourceKind }): SourceDocument {
  return {
    file: source.file,
    text: source.text,
    kind: changes.kind ?? source.kind,
    data: 'data' in changes ? changes.data : source.data,
    get yaml() { return source.yaml; },
    locate: source.locate,
    locateKey: source.locateKey,
  };
}
