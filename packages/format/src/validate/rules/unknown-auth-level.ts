import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a node's `auth_level` is not one of the workflow's authorisation levels. */
export const unknownAuthLevel: Rule = {
  code: 'unknown-auth-level',
  name: 'Authorisation levels are declared',
  check(ctx) {
    const levels = ctx.workflow.authLevels;
    const known = new Set(levels.map((l) => l.toLowerCase()));
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      if (node.authLevel === undefined || known.has(node.authLevel.toLowerCase())) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'auth_level'], {
        code: this.code,
        severity: 'error',
        message: `node "${node.id}" auth_level "${node.authLevel}" is not one of: ${levels.join(', ')}`,
        hint: 'use a declared level, or declare the levels of this workflow (lowest first)',
      }));
    }
    return diagnostics;
  },
};
