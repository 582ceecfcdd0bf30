import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Warning: a switch edge with no `default_to`: a value no case matches stops that branch. */
export const switchWithoutDefault: Rule = {
  code: 'switch-without-default',
  name: 'Switches have a default',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of ctx.workflow.edges) {
      if (edge.mode !== 'switch' || edge.defaultTo !== undefined) continue;
      diagnostics.push(diagnosticAt(ctx, edge.path, {
        code: this.code,
        severity: 'warning',
        message: `switch from "${edge.from}" has no default_to; a value that matches no case goes nowhere`,
        hint: 'add default_to: <node id>',
      }));
    }
    return diagnostics;
  },
};
