import type { Diagnostic } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Error: two nodes share an id, so edges and runs cannot tell them apart. */
export const duplicateNodeId: Rule = {
  code: 'duplicate-node-id',
  name: 'Node ids are unique',
  check(ctx) {
    const firstLine = new Map<string, number>();
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const first = firstLine.get(node.id);
      if (first === undefined) {
        firstLine.set(node.id, ctx.locate([...node.path, 'id']).line);
        continue;
      }
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'error',
        message: `node id "${node.id}" is already used by the node on line ${first}`,
        hint: 'give every node its own id',
      }));
    }
    return diagnostics;
  },
};
