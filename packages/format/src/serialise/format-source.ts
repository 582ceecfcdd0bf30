import type { Diagnostic } from '../model/diagnostic.js';
import { parseSource } from '../parse/parse-source.js';

export interface FormatResult {
  /** The formatted text (the input unchanged when it could not be parsed). */
  text: string;
  changed: boolean;
  diagnostics: Diagnostic[];
}

/** The one canonical layout: 2-space indent, block sequences indented under their key, no line folding. */
export const CANONICAL_YAML_OPTIONS = { indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false } as const;

/**
 * Pure; rewrites a document in the canonical layout through the yaml Document model, so comments,
 * key order, quoting style and anchors survive. JSON files (`.json`) are pretty-printed as JSON.
 * Refuses (returns the input unchanged, with diagnostics) anything parseSource refuses.
 */
export function formatSource(text: string, file?: string): FormatResult {
  const parsed = parseSource(text, file);
  if (!parsed.source) return { text, changed: false, diagnostics: parsed.diagnostics };
  let formatted: string;
  if (file !== undefined && /\.json$/i.test(file)) {
    formatted = `${JSON.stringify(parsed.source.data, null, 2)}\n`;
  } else {
    const doc = parsed.source.yaml;
    // The fast reader accepted the text but the yaml library (which keeps comments) did not.
    if (doc.errors.length > 0) {
      return {
        text, changed: false,
        diagnostics: doc.errors.map((error) => ({
          code: 'yaml-syntax', severity: 'error' as const, file, line: error.linePos?.[0].line ?? 1, column: error.linePos?.[0].col ?? 1,
          message: `YAML syntax error: ${error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
        })),
      };
    }
    formatted = doc.toString(CANONICAL_YAML_OPTIONS);
  }
  return { text: formatted, changed: formatted !== parsed.source.text, diagnostics: [] };
}
