import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a `weighted` edge without a positive finite `weight`, so the split cannot be drawn. */
export const invalidEdgeWeight: Rule = {
  code: 'invalid-edge-weight',
  name: 'Weighted edges have positive weights',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of ctx.workflow.edges) {
      if (edge.mode !== 'weighted') continue;
      const w = edge.weight;
      if (w !== undefined && Number.isFinite(w) && w > 0) continue;
      diagnostics.push(diagnosticAt(ctx, [...edge.path, 'weight'], {
        code: this.code,
        severity: 'error',
        message: w === undefined
          ? `weighted edge ${edge.from} → ${edge.to} has no weight`
          : `weighted edge ${edge.from} → ${edge.to} has weight ${String(w)}; it must be greater than zero`,
        hint: 'give each branch a relative weight such as weight: 3',
      }));
    }
    return diagnostics;
  },
};
