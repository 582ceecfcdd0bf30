import type { Diagnostic } from '../../model/diagnostic.js';
import type { NodeType } from '../../model/node-type.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/** Node types that stand for something no agent can act as: an external event, a routing gateway, an organisation. */
const NO_PERFORMER: ReadonlySet<NodeType> = new Set<NodeType>(['event', 'gateway', 'company', 'department']);

/** Warning: `delegation_state` trialing/agent_* on a node type no agent can perform. */
export const delegationNotApplicable: Rule = {
  code: 'delegation-not-applicable',
  name: 'Delegation only on steps someone performs',
  check(ctx) {
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const state = node.delegationState;
      if (state === undefined || state === 'human_only' || !NO_PERFORMER.has(node.type)) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'delegation_state'], {
        code: this.code,
        severity: 'warning',
        message: `node "${node.id}" is of type ${node.type}, which no agent can perform, yet its delegation_state is ${state}`,
        hint: 'remove delegation_state, or model the work as a human or agent step',
      }));
    }
    return diagnostics;
  },
};
