import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import { edgeModeTraits } from '../../rules/edge-mode-traits.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

/**
 * Error: the workflow names its exits (`exit_conditions[].node`) and a node that is not one of
 * them has nowhere to go when it succeeds. Without declared exits every such node is an exit, so
 * ordinary linear workflows pass.
 */
export const deadEnd: Rule = {
  code: 'dead-end',
  name: 'Every path ends at an exit',
  check(ctx) {
    const { workflow } = ctx;
    const exits = new Set<string>();
    for (const condition of workflow.exitConditions) if (condition.node !== undefined) exits.add(condition.node);
    if (exits.size === 0) return [];
    const { outgoing } = workflowGraph(workflow);
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const node of workflow.nodes) {
      if (exits.has(node.id) || reported.has(node.id)) continue;
      const onSuccess = (outgoing.get(node.id) ?? []).filter((e) => edgeModeTraits(e.mode).onSuccess);
      if (onSuccess.length > 0) continue;
      reported.add(node.id);
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'error',
        message: `node "${node.id}" has no next step when it succeeds and is not an exit (exits: ${[...exits].slice(0, 5).join(', ')})`,
        hint: `add an on_success/edge from "${node.id}", or list it in exit_conditions`,
      }));
    }
    return diagnostics;
  },
};
