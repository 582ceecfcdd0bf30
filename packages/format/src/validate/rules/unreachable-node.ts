import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import { entryCandidates, resolveEntry } from '../entry-candidates.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

/**
 * Warning: a node no path from the start reaches (over edges, on_failure/on_timeout, failure-mode
 * gotos and workflow-level escalation paths), so it never runs.
 */
export const unreachableNode: Rule = {
  code: 'unreachable-node',
  name: 'Every node can be reached',
  check(ctx) {
    const { workflow } = ctx;
    const { nodes, successors } = workflowGraph(workflow);
    const entry = resolveEntry(workflow);
    const starts = entry !== undefined ? [entry] : entryCandidates(workflow);
    if (starts.length === 0) return [];
    for (const path of workflow.escalationPaths) if (path.to !== undefined && nodes.has(path.to)) starts.push(path.to);
    for (const mode of workflow.failureModes) if (mode.goto !== undefined && nodes.has(mode.goto)) starts.push(mode.goto);
    const reached = new Set<string>(starts);
    const queue = [...reached];
    for (let i = 0; i < queue.length; i++) {
      for (const next of successors.get(queue[i]!) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const node of workflow.nodes) {
      if (reached.has(node.id) || reported.has(node.id)) continue;
      reported.add(node.id);
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'warning',
        message: `node "${node.id}" cannot be reached from the start ("${starts[0]}"), so it never runs`,
        hint: 'add an edge into it, or remove it',
      }));
    }
    return diagnostics;
  },
};
