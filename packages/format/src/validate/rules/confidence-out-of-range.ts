import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a `confidence_requirement` outside 0..1 (a percentage written as 80, say). */
export const confidenceOutOfRange: Rule = {
  code: 'confidence-out-of-range',
  name: 'Confidence requirements lie in 0..1',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const value = node.confidenceRequirement;
      if (value === undefined || (Number.isFinite(value) && value >= 0 && value <= 1)) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'confidence_requirement'], {
        code: this.code,
        severity: 'error',
        message: `node "${node.id}" confidence_requirement is ${String(value)}; it must be between 0 and 1`,
        hint: Number.isInteger(value) && value > 1 && value <= 100 ? `a fraction is expected: write ${value / 100} for ${value}%` : 'use a fraction such as 0.8',
      }));
    }
    return diagnostics;
  },
};
