import { diagnosticAt } from '../diagnostic-at.js';
import { entryCandidates } from '../entry-candidates.js';
import type { Rule } from '../rule.js';

/** Error: no `entry_point` and every node has an incoming edge, so a run has nowhere to start. */
export const missingEntryPoint: Rule = {
  code: 'missing-entry-point',
  name: 'A run has a place to start',
  check(ctx) {
    const { workflow } = ctx;
    if (workflow.entryPoint !== undefined || workflow.nodes.length === 0) return [];
    if (entryCandidates(workflow).length > 0) return [];
    return [diagnosticAt(ctx, ['nodes'], {
      code: this.code,
      severity: 'error',
      message: 'every node has an incoming edge, so no node can start a run',
      hint: `add entry_point: ${workflow.nodes[0]!.id} (or whichever step comes first)`,
    })];
  },
};
