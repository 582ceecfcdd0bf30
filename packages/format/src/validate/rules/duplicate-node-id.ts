import type { Diagnostic } from '../../model/diagnostic.js';
import type { WorkflowNode } from '../../model/workflow.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: two nodes share an id, so edges and runs cannot tell them apart. */
export const duplicateNodeId: Rule = {
  code: 'duplicate-node-id',
  name: 'Node ids are unique',
  check(ctx) {
    const first = new Map<string, WorkflowNode>();
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const earlier = first.get(node.id);
      if (earlier === undefined) {
        first.set(node.id, node);
        continue;
      }
      // Positions are looked up only for duplicates: locate is not free on 5,000 nodes.
      const line = ctx.locate([...earlier.path, 'id']).line;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'error',
        message: `node id "${node.id}" is already used by the node on line ${line}`,
        hint: 'give every node its own id',
      }));
    }
    return diagnostics;
  },
};
