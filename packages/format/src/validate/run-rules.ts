import type { Diagnostic } from '../model/diagnostic.js';
import { ALL_RULES } from './all-rules.js';
import type { Rule, RuleContext } from './rule.js';

/**
 * Runs every rule and collects their diagnostics, ordered by position. Never throws: a rule that
 * throws becomes an `internal-error` warning naming the rule.
 */
export function runRules(ctx: RuleContext, rules: readonly Rule[] = ALL_RULES): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      diagnostics.push(...rule.check(ctx));
    } catch (error) {
      diagnostics.push({
        code: 'internal-error',
        severity: 'warning',
        message: `rule ${rule.code} failed: ${error instanceof Error ? error.message : String(error)}`,
        ...(ctx.file === undefined ? {} : { file: ctx.file }),
        line: 1,
        column: 1,
        hint: 'this is a bug in sopflow; the other rules still ran',
      });
    }
  }
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.column - b.d.column || a.i - b.i)
    .map(({ d }) => d);
}
