import { checkCelExpression } from '../../cel/check-cel-expression.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { celExpressionsOf, sitePath, workflowCelDeclarations } from '../cel-expressions-of.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/**
 * Warning: a CEL expression names a bare variable nothing declares (no input, no node output,
 * no loop iterator). Many published OSOP documents do this, so it is not an error.
 */
export const unknownCelVariable: Rule = {
  code: 'unknown-cel-variable',
  name: 'CEL expressions name declared variables',
  check(ctx) {
    const { workflow } = ctx;
    const sites = celExpressionsOf(workflow);
    if (sites.length === 0) return [];
    const declarations = workflowCelDeclarations(workflow);
    const diagnostics: Diagnostic[] = [];
    for (const site of sites) {
      const result = checkCelExpression(site.expr, declarations, site.expect, site.from ?? site.node);
      if (result.ok || result.kind !== 'unknown-variable') continue;
      diagnostics.push(diagnosticAt(ctx, sitePath(ctx, site), {
        code: this.code,
        severity: 'warning',
        message: `${site.what} "${site.expr.trim().slice(0, 80)}": ${result.message}`,
        hint: 'declare it as a workflow input or a node output, or use inputs.<name> / steps.<id>.outputs.<name>',
      }));
    }
    return diagnostics;
  },
};
