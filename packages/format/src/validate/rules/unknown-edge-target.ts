import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/**
 * Error: an edge end, switch case, `default_to`, `on_success`/`on_failure`/`on_timeout` node,
 * failure-mode `goto`, exit condition or `entry_point` names a node that does not exist.
 */
export const unknownEdgeTarget: Rule = {
  code: 'unknown-edge-target',
  name: 'References name existing nodes',
  check(ctx) {
    const { workflow } = ctx;
    const ids = new Set(workflow.nodes.map((n) => n.id));
    const diagnostics: Diagnostic[] = [];
    const seen = new Set<string>();
    // `what` is a thunk: this runs for every edge end, and almost all of them are fine.
    const report = (path: () => DocumentPath, id: string, what: () => string): void => {
      if (ids.has(id)) return;
      const d = diagnosticAt(ctx, path(), {
        code: 'unknown-edge-target',
        severity: 'error',
        message: `${what()} "${id}" is not a node in this workflow`,
        hint: suggestion(id, ids),
      });
      const key = `${d.line}:${d.column}:${id}`;
      if (seen.has(key)) return;
      seen.add(key);
      diagnostics.push(d);
    };
    for (const edge of workflow.edges) {
      if (!ids.has(edge.from) || !ids.has(edge.to)) {
        const sopField = edge.origin !== 'edges';
        report(() => (sopField ? edge.path : [...edge.path, 'from']), edge.from, () => (sopField ? `${edge.origin} source` : 'edge source'));
        report(() => (sopField ? edge.path : [...edge.path, 'to']), edge.to, () => (sopField ? `${edge.origin} target` : 'edge target'));
      }
      edge.cases?.forEach((c, i) => report(() => [...edge.path, 'cases', i, 'to'], c.to, () => 'switch case target'));
      if (edge.defaultTo !== undefined) report(() => [...edge.path, 'default_to'], edge.defaultTo, () => 'switch default_to');
    }
    for (const node of workflow.nodes) {
      if (node.onFailure?.node !== undefined) report(() => [...node.path, 'on_failure'], node.onFailure.node, () => 'on_failure target');
      if (node.onTimeout?.node !== undefined) report(() => [...node.path, 'on_timeout'], node.onTimeout.node, () => 'on_timeout target');
      node.failureModes.forEach((m, i) => {
        if (m.goto !== undefined) report(() => [...node.path, 'failure_modes', i, 'goto'], m.goto, () => 'failure mode goto');
      });
    }
    workflow.failureModes.forEach((m, i) => {
      if (m.goto !== undefined) report(() => ['failure_modes', i, 'goto'], m.goto, () => 'failure mode goto');
    });
    workflow.exitConditions.forEach((c, i) => {
      if (c.node !== undefined) report(() => ['exit_conditions', i, 'node'], c.node, () => 'exit condition node');
    });
    if (workflow.entryPoint !== undefined) report(() => ['entry_point'], workflow.entryPoint, () => 'entry_point');
    return diagnostics;
  },
};

/** A hint naming the closest existing id, when one is close. */
function suggestion(id: string, ids: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(id.length / 3)) + 1;
  for (const candidate of ids) {
    if (Math.abs(candidate.length - id.length) >= bestDistance) continue;
    const d = editDistance(id, candidate, bestDistance);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best === undefined ? 'add the node, or point the reference at an existing node id' : `did you mean "${best}"?`;
}

function editDistance(a: string, b: string, cap: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin >= cap) return cap;
    prev = row;
  }
  return prev[b.length]!;
}
