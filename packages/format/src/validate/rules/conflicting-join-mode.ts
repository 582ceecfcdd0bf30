import type { Diagnostic } from '../../model/diagnostic.js';
import type { WorkflowEdge } from '../../model/workflow.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: edges into the same join disagree on `join_mode` or `join_count`, so the join is ambiguous. */
export const conflictingJoinMode: Rule = {
  code: 'conflicting-join-mode',
  name: 'A join has one join mode',
  check(ctx) {
    const first = new Map<string, WorkflowEdge>();
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const edge of ctx.workflow.edges) {
      if (edge.joinMode === undefined) continue;
      const seen = first.get(edge.to);
      if (seen === undefined) {
        first.set(edge.to, edge);
        continue;
      }
      const sameCount = seen.joinCount === edge.joinCount || edge.joinMode !== 'wait_n';
      if ((seen.joinMode === edge.joinMode && sameCount) || reported.has(edge.to)) continue;
      reported.add(edge.to);
      diagnostics.push(diagnosticAt(ctx, [...edge.path, seen.joinMode === edge.joinMode ? 'join_count' : 'join_mode'], {
        code: this.code,
        severity: 'error',
        message: `edges into "${edge.to}" disagree on how to join: ${describe(seen)} from "${seen.from}", ${describe(edge)} from "${edge.from}"`,
        hint: 'give every edge into the join the same join_mode (and join_count), or set it once',
      }));
    }
    return diagnostics;
  },
};

function describe(edge: WorkflowEdge): string {
  return edge.joinMode === 'wait_n' ? `wait_n(${String(edge.joinCount)})` : String(edge.joinMode);
}
