import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: a switch edge with no `cases`, or with no expression to switch on. */
export const switchWithoutCases: Rule = {
  code: 'switch-without-cases',
  name: 'Switches have cases and an expression',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of ctx.workflow.edges) {
      if (edge.mode !== 'switch') continue;
      const noCases = (edge.cases ?? []).length === 0;
      const noExpression = edge.when === undefined || edge.when.trim() === '';
      if (!noCases && !noExpression) continue;
      diagnostics.push(diagnosticAt(ctx, edge.path, {
        code: this.code,
        severity: 'error',
        message: noCases
          ? `switch from "${edge.from}" has no cases`
          : `switch from "${edge.from}" has no expression (when/condition) to compare the cases against`,
        hint: noCases ? 'add cases: [{ value: ..., to: <node id> }]' : 'add when: <CEL expression>, e.g. inputs.priority',
      }));
    }
    return diagnostics;
  },
};
