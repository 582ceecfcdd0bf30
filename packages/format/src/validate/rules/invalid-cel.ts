import { celStepReferences } from '../../cel/cel-step-slots.js';
import { checkCelExpression } from '../../cel/check-cel-expression.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { celExpressionsOf, sitePath, workflowCelDeclarations } from '../cel-expressions-of.js';
import { diagnosticAt } from '../diagnostic-at.js';
import { locateInside } from '../locate-inside.js';
import type { Rule } from '../rule.js';
import { workflowComponents } from '../workflow-components.js';

/**
 * Error: a CEL expression (`when`, switch expression, `for_each`, exit condition) that does not
 * parse, does not type-check against the declared inputs and step outputs, yields the wrong type,
 * or reads `steps.X` on an edge that step X can never precede.
 */
export const invalidCel: Rule = {
  code: 'invalid-cel',
  name: 'CEL expressions parse and type-check',
  check(ctx) {
    const { workflow } = ctx;
    const sites = celExpressionsOf(workflow);
    if (sites.length === 0) return [];
    const declarations = workflowCelDeclarations(workflow);
    let order: ReadonlyMap<string, number> | undefined;
    const diagnostics: Diagnostic[] = [];
    for (const site of sites) {
      const result = checkCelExpression(site.expr, declarations, site.expect, site.from ?? site.node);
      if (!result.ok) {
        if (result.kind === 'unknown-variable') continue;
        const path = sitePath(ctx, site);
        const at = locateInside(ctx.text, ctx.locate(path), site.expr, result.offset);
        diagnostics.push({
          ...diagnosticAt(ctx, path, {
            code: this.code,
            severity: 'error',
            message: `${site.what} "${clip(site.expr)}": ${result.kind === 'syntax' ? 'syntax error' : 'type error'}: ${result.message} (at character ${result.offset + 1})`,
            hint: 'see the CEL variable convention: inputs.<name>, steps.<id>.outputs.<name>, outputs.<name>, vars.<name>, item',
          }),
          ...at,
        });
        continue;
      }
      if (site.from === undefined || !site.expr.includes('steps')) continue;
      for (const id of celStepReferences(site.expr)) {
        order ??= workflowComponents(workflow).componentOf;
        const stepRank = order.get(id);
        const edgeRank = order.get(site.from);
        if (stepRank === undefined || edgeRank === undefined || stepRank >= edgeRank) continue;
        diagnostics.push(diagnosticAt(ctx, sitePath(ctx, site), {
          code: this.code,
          severity: 'error',
          message: `${site.what} "${clip(site.expr)}" reads steps.${id}, but "${id}" can never have run before "${site.from}"`,
          hint: `only steps upstream of "${site.from}" (and "${site.from}" itself) have outputs here`,
        }));
      }
    }
    return diagnostics;
  },
};

function clip(expr: string): string {
  const oneLine = expr.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
