import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { edgeModeTraits } from '../../rules/edge-mode-traits.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowComponents } from '../workflow-components.js';
import { edgeTargets, successorsOf, workflowGraph } from '../workflow-graph.js';

/**
 * A cycle with no `loop` edge and no `max_iterations`: a warning when the cycle has a way out
 * (it may still repeat without limit), an error when it has none (a run could never end).
 * The OSOP single-node self-loop idiom (`s1 → s1`, used to satisfy "at least one edge") is only info.
 */
export const cycleWithoutBound: Rule = {
  code: 'cycle-without-bound',
  name: 'Cycles are bounded',
  check(ctx) {
    const { workflow } = ctx;
    const { cycles, componentOf } = workflowComponents(workflow);
    if (cycles.length === 0) return [];
    const graph = workflowGraph(workflow);
    const bounded = new Set<number>();
    const firstEdgePath = new Map<number, DocumentPath>();
    for (const edge of workflow.edges) {
      if (!edgeModeTraits(edge.mode).control) continue;
      const c = componentOf.get(edge.from);
      if (c === undefined || !edgeTargets(edge).some((t) => componentOf.get(t) === c)) continue;
      if (!firstEdgePath.has(c)) firstEdgePath.set(c, edge.path);
      if (edgeModeTraits(edge.mode).loop || edge.maxIterations !== undefined) bounded.add(c);
    }
    const exits = new Set(workflow.exitConditions.flatMap((e) => (e.node === undefined ? [] : [e.node])));
    // A node whose only outgoing edges are failure paths (fallback, error, timeout, compensation) ends the run when it succeeds.
    const successOut = new Set<string>();
    for (const edge of workflow.edges) if (edgeModeTraits(edge.mode).onSuccess) successOut.add(edge.from);
    const diagnostics: Diagnostic[] = [];
    for (const members of cycles) {
      const c = componentOf.get(members[0]!)!;
      if (bounded.has(c)) continue;
      const canLeave = members.some((id) => exits.has(id) || !successOut.has(id) || successorsOf(graph, id).some((s) => componentOf.get(s) !== c));
      const selfLoopIdiom = members.length === 1 && workflow.nodes.length === 1;
      const shown = members.slice(0, 6).join(' → ') + (members.length > 6 ? ' → …' : '');
      const path = firstEdgePath.get(c) ?? graph.nodes.get(members[0]!)!.path;
      diagnostics.push(diagnosticAt(ctx, path, {
        code: this.code,
        severity: selfLoopIdiom ? 'info' : canLeave ? 'warning' : 'error',
        message: selfLoopIdiom
          ? `single-node self-loop ${shown} → ${shown} (OSOP's "at least one edge" idiom) would repeat forever if run`
          : canLeave
            ? `cycle ${shown} has no loop edge or max_iterations, so it can repeat without limit`
            : `cycle ${shown} has no way out and no bound, so a run entering it never ends`,
        hint: 'mark the back edge `mode: loop` with `max_iterations`, or add an exit from the cycle',
      }));
    }
    return diagnostics;
  },
};
