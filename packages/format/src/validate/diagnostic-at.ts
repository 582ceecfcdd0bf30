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
