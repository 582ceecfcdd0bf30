/** A problem found in a document. Collected, never thrown. */
export interface Diagnostic {
  /** Stable rule code, e.g. `SF001` or `unique-node-ids`; see docs for the table. */
  code: string;
  severity: Severity;
  message: string;
  file?: string;
  /** 1-based; 0 when the problem has no position (a missing file, say). */
  line: number;
  /** 1-based. */
  column: number;
  hint?: string;
}
export type Severity = 'error' | 'warning' | 'info';

/** A 1-based position in a source text. */
export interface SourceLocation {
  line: number;
  column: number;
}

/** A path into the raw document, e.g. `['nodes', 3, 'timeout_sec']`. */
export type DocumentPath = readonly (string | number)[];

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
