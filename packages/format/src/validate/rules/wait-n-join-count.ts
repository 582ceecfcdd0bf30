import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

/** Error: `join_mode: wait_n` without a positive integer `join_count`, or one larger than the branches that arrive. */
export const waitNJoinCount: Rule = {
  code: 'wait-n-join-count',
  name: 'wait_n joins say how many branches to wait for',
  check(ctx) {
    const { workflow } = ctx;
    const { outgoing, incoming } = workflowGraph(workflow);
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
      const arriving = (incoming.get(edge.to) ?? []).length;
      const fannedOut = (outgoing.get(edge.from) ?? []).filter((e) => e.mode === 'parallel').length;
      const branches = Math.max(arriving, fannedOut);
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
