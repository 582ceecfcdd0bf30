import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

/**
 * Error: `join_mode: wait_n` without a positive integer `join_count`, or one larger than the
 * number of distinct steps whose edges arrive at the join (so the join could never fire).
 */
export const waitNJoinCount: Rule = {
  code: 'wait-n-join-count',
  name: 'wait_n joins say how many branches to wait for',
  check(ctx) {
    const { workflow } = ctx;
    const { incoming } = workflowGraph(workflow);
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const edge of workflow.edges) {
      if (edge.joinMode !== 'wait_n' || reported.has(edge.to)) continue;
      const count = edge.joinCount;
      if (count === undefined || !Number.isInteger(count) || count < 1) {
        reported.add(edge.to);
        diagnostics.push(diagnosticAt(ctx, [...edge.path, count === undefined ? 'join_mode' : 'join_count'], {
          code: this.code,
          severity: 'error',
          message: count === undefined
            ? `join into "${edge.to}" uses wait_n but gives no join_count`
            : `join_count ${String(count)} into "${edge.to}" is not a positive whole number`,
          hint: 'set join_count to how many branches must finish, e.g. join_count: 2',
        }));
        continue;
      }
      // As the engine counts them: distinct sources of the join's incoming edges, loop back edges aside.
      const sources = new Set((incoming.get(edge.to) ?? []).filter((e) => !(e.mode === 'loop' && e.forEach === undefined)).map((e) => e.from));
      const branches = sources.size;
      if (count > branches) {
        reported.add(edge.to);
        diagnostics.push(diagnosticAt(ctx, [...edge.path, 'join_count'], {
          code: this.code,
          severity: 'error',
          message: `join_count ${count} into "${edge.to}" waits for more branches than the ${branches} that can arrive, so the join never fires`,
          hint: `use join_count ≤ ${branches}, or wait_all`,
        }));
      }
    }
    return diagnostics;
  },
};
