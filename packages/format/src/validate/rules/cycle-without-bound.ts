import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { isControlEdge } from '../../model/edge-mode.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { stronglyConnectedComponents } from '../strongly-connected-components.js';
import { edgeTargets, workflowGraph } from '../workflow-graph.js';

/**
 * A cycle with no `loop` edge and no `max_iterations`: a warning when the cycle has a way out
 * (it may still repeat without limit), an error when it has none (a run could never end).
 */
export const cycleWithoutBound: Rule = {
  code: 'cycle-without-bound',
  name: 'Cycles are bounded',
  check(ctx) {
    const { workflow } = ctx;
    const { nodes, successors } = workflowGraph(workflow);
    const components = stronglyConnectedComponents(nodes.keys(), (id) => successors.get(id) ?? []);
    const componentOf = new Map<string, number>();
    const cyclic: number[] = [];
    components.forEach((members, i) => {
      for (const id of members) componentOf.set(id, i);
      const only = members[0]!;
      if (members.length > 1 || (successors.get(only) ?? []).includes(only)) cyclic.push(i);
    });
    if (cyclic.length === 0) return [];
    const bounded = new Set<number>();
    const firstEdgePath = new Map<number, DocumentPath>();
    for (const edge of workflow.edges) {
      if (!isControlEdge(edge.mode)) continue;
      const c = componentOf.get(edge.from);
      if (c === undefined || !edgeTargets(edge).some((t) => componentOf.get(t) === c)) continue;
      if (!firstEdgePath.has(c)) firstEdgePath.set(c, edge.path);
      if (edge.mode === 'loop' || edge.maxIterations !== undefined) bounded.add(c);
    }
    const exits = new Set(workflow.exitConditions.flatMap((e) => (e.node === undefined ? [] : [e.node])));
    const diagnostics: Diagnostic[] = [];
    for (const c of cyclic) {
      if (bounded.has(c)) continue;
      const members = components[c]!;
      const canLeave = members.some((id) => exits.has(id) || (successors.get(id) ?? []).some((s) => componentOf.get(s) !== c));
      const selfLoopIdiom = members.length === 1 && workflow.nodes.length === 1;
      const ordered = workflow.nodes.filter((n) => componentOf.get(n.id) === c).map((n) => n.id);
      const shown = ordered.slice(0, 6).join(' → ') + (ordered.length > 6 ? ' → …' : '');
      const path = firstEdgePath.get(c) ?? workflow.nodes.find((n) => n.id === members[0])!.path;
      diagnostics.push(diagnosticAt(ctx, path, {
        code: this.code,
        severity: canLeave || selfLoopIdiom ? 'warning' : 'error',
        message: canLeave || selfLoopIdiom
          ? `cycle ${shown} has no loop edge or max_iterations, so it can repeat without limit`
          : `cycle ${shown} has no way out and no bound, so a run entering it never ends`,
        hint: 'mark the back edge `mode: loop` with `max_iterations`, or add an exit from the cycle',
      }));
    }
    return diagnostics;
  },
};
