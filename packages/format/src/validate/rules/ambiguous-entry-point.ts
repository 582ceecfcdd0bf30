import { diagnosticAt } from '../diagnostic-at.js';
import { entryCandidates } from '../entry-candidates.js';
import type { Rule } from '../rule.js';

/**
 * Warning: no `entry_point` and several nodes have no incoming edge. The engine starts all of them
 * at once, which is rarely what the author meant (an unconnected island, a forgotten edge).
 */
export const ambiguousEntryPoint: Rule = {
  code: 'ambiguous-entry-point',
  name: 'A run has one place to start',
  check(ctx) {
    const { workflow } = ctx;
    if (workflow.entryPoint !== undefined) return [];
    const candidates = entryCandidates(workflow);
    if (candidates.length < 2) return [];
    const second = workflow.nodes.find((n) => n.id === candidates[1])!;
    const shown = candidates.slice(0, 5).map((id) => `"${id}"`).join(', ');
    return [diagnosticAt(ctx, [...second.path, 'id'], {
      code: this.code,
      severity: 'warning',
      message: `${candidates.length} nodes have no incoming edge (${shown}${candidates.length > 5 ? ', …' : ''}); a run starts all of them at once`,
      hint: `connect the other start nodes, or add entry_point: ${candidates[0]} if the run has one start`,
    })];
  },
};
