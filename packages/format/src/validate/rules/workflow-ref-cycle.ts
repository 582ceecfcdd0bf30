import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowRefProblems } from '../workflow-ref-chains.js';

/** Error: a `workflow_ref` chain comes back to a workflow already on it, so a run would nest forever. */
export const workflowRefCycle: Rule = {
  code: 'workflow-ref-cycle',
  name: 'Sub-workflows do not include themselves',
  check(ctx) {
    return workflowRefProblems(ctx)
      .filter((p) => p.kind === 'cycle')
      .map((p) => diagnosticAt(ctx, [...p.node.path, 'workflow_ref'], {
        code: this.code,
        severity: 'error',
        message: `node "${p.node.id}" starts a cycle of sub-workflows: ${p.chain.join(' → ')}`,
        hint: 'break the cycle: a workflow must not include itself, directly or through others',
      }));
  },
};
