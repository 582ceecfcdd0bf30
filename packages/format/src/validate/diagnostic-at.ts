import type { Diagnostic, DocumentPath, Severity } from '../model/diagnostic.js';
import type { RuleContext } from './rule.js';

/** What a rule says about one place; `diagnosticAt` adds the file and position. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  hint?: string;
}

/** Pure; a Diagnostic at the source position of `path` (or its nearest located ancestor). */
export function diagnosticAt(ctx: RuleContext, path: DocumentPath, finding: Finding): Diagnostic {
  const { line, column } = ctx.locate(path);
  return {
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
    ...(ctx.file === undefined ? {} : { file: ctx.file }),
    line,
    column,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
  };
}

/**
 * Pure; the first of `keys` under `parent` that the document really has (its position differs
 * from the parent's, since `locate` falls back to the nearest ancestor), else `parent` + the first
 * key. For fields with two spellings (`when` / `condition`, `timeout_sec` / `timeout`).
 */
export function existingPath(ctx: RuleContext, parent: DocumentPath, keys: readonly string[]): DocumentPath {
  const at = ctx.locate(parent);
  for (const key of keys) {
    const candidate = [...parent, key];
    const found = ctx.locate(candidate);
    if (found.line !== at.line || found.column !== at.column) return candidate;
  }
  return [...parent, keys[0]!];
}
