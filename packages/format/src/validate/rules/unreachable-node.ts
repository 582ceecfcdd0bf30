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
    const graph = workflowGraph(workflow);
    const { nodes, indexOf, successorStart, successorList } = graph;
    const entry = resolveEntry(workflow);
    const starts = entry !== undefined ? [entry] : entryCandidates(workflow);
    if (starts.length === 0) return [];
    for (const path of workflow.escalationPaths) if (path.to !== undefined && nodes.has(path.to)) starts.push(path.to);
    for (const mode of workflow.failureModes) if (mode.goto !== undefined && nodes.has(mode.goto)) starts.push(mode.goto);
    const reached = new Uint8Array(graph.ids.length);
    const queue: number[] = [];
    for (const id of starts) {
      const i = indexOf.get(id)!;
      if (reached[i] === 0) {
        reached[i] = 1;
        queue.push(i);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const v = queue[q]!;
      for (let k = successorStart[v]!; k < successorStart[v + 1]!; k++) {
        const w = successorList[k]!;
        if (reached[w] === 0) {
          reached[w] = 1;
          queue.push(w);
        }
      }
    }
    const diagnostics: Diagnostic[] = [];
    const reported = new Set<string>();
    for (const node of workflow.nodes) {
      if (reached[indexOf.get(node.id)!] === 1 || reported.has(node.id)) continue;
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
