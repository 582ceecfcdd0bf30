import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a `loop` edge with no `when`, no `for_each` and no `max_iterations` — it would repeat forever. */
export const loopWithoutCondition: Rule = {
  code: 'loop-without-condition',
  name: 'Loops say when to stop',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of ctx.workflow.edges) {
      if (edge.mode !== 'loop' || edge.when !== undefined || edge.forEach !== undefined || edge.maxIterations !== undefined) continue;
      diagnostics.push(diagnosticAt(ctx, edge.path, {
        code: this.code,
        severity: 'error',
        message: `loop ${edge.from} → ${edge.to} has no when, for_each or max_iterations, so it never stops`,
        hint: 'add when: <CEL condition to repeat>, for_each: <list>, or max_iterations: N',
      }));
    }
    return diagnostics;
  },
};
