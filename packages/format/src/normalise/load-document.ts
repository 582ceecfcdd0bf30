import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Collection } from '../model/collection.js';
import type { ExecutionLog } from '../model/execution-log.js';
import { deriveSource, parseSource, sortByPosition, type ParseResult, type SourceDocument } from '../parse/parse-source.js';
import type { SourceKind } from '../parse/detect-kind.js';
import { checkSchema } from '../schema/check-schema.js';

export interface LoadExecutionLogResult {
  log?: ExecutionLog;
  source?: SourceDocument;
  diagnostics: Diagnostic[];
}

export interface LoadCollectionResult {
  collection?: Collection;
  source?: SourceDocument;
  diagnostics: Diagnostic[];
}

/**
 * Pure; the one `.osoplog` reader: text (YAML or JSON) → the log document with its positions, no
 * schema check. Bad YAML or JSON, a document that is not a mapping, one too large or too deep, and a
 * `.osop` / `.sop` file given as a log give `file:line:col` diagnostics and no source.
 * `loadExecutionLog` adds the schema; analysis's `readOsoplog` reads run records from it, tolerantly.
 * @example parseExecutionLog(text, 'run-42.osoplog').source?.locate(['node_records', 3]).line
 */
export function parseExecutionLog(text: string | Uint8Array, file?: string): ParseResult {
  const parsed = parseAs(text, file, 'log');
  return hasErrors(parsed.diagnostics) ? { diagnostics: parsed.diagnostics } : parsed;
}

/** Pure; text → ExecutionLog: `parseExecutionLog`, then checked against the sopflow log schema (OSOP's plus the published quirks). */
export function loadExecutionLog(text: string | Uint8Array, file?: string): LoadExecutionLogResult {
  const { source, diagnostics } = loadAs(text, file, 'log');
  return source && !hasErrors(diagnostics) ? { log: source.data as ExecutionLog, source, diagnostics } : { source, diagnostics };
}

/** Pure; text → Collection, checked against OSOP's `.sop` schema. */
export function loadCollection(text: string | Uint8Array, file?: string): LoadCollectionResult {
  const { source, diagnostics } = loadAs(text, file, 'collection');
  return source && !hasErrors(diagnostics) ? { collection: source.data as Collection, source, diagnostics } : { source, diagnostics };
}

function loadAs(text: string | Uint8Array, file: string | undefined, kind: SourceKind): { source?: SourceDocument; diagnostics: Diagnostic[] } {
  const parsed = parseAs(text, file, kind);
  if (!parsed.source) return parsed;
  if (hasErrors(parsed.diagnostics)) return parsed;
  return { source: parsed.source, diagnostics: sortByPosition(checkSchema(parsed.source, 'sopflow')) };
}

/** parseSource, read as `kind`; a document of another kind keeps its source (for callers that show it) with a wrong-document-kind error. */
function parseAs(text: string | Uint8Array, file: string | undefined, kind: SourceKind): ParseResult {
  const parsed = parseSource(text, file);
  if (!parsed.source) return parsed;
  // A file without one of our extensions is read as the kind the caller asked for.
  const source = parsed.source.kind === kind || file === undefined || !/\.(osop|osoplog|sop)(\.|$)/i.test(file)
    ? deriveSource(parsed.source, { kind })
    : parsed.source;
  if (source.kind !== kind) {
    return {
      source,
      diagnostics: [{ code: 'wrong-document-kind', severity: 'error', file, line: 1, column: 1, message: `expected a ${kind === 'log' ? '.osoplog execution log' : '.sop collection'}, got a ${source.kind}` }],
    };
  }
  return { source, diagnostics: [] };
}
