import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { MAX_WORKFLOW_REF_DEPTH, workflowRefProblems } from '../workflow-ref-chains.js';

/** Error: sub-workflows nested more than MAX_WORKFLOW_REF_DEPTH (10) deep. */
export const workflowRefDepth: Rule = {
  code: 'workflow-ref-depth',
  name: 'Sub-workflows nest at most 10 deep',
  check(ctx) {
    return workflowRefProblems(ctx)
      .filter((p) => p.kind === 'too-deep')
      .map((p) => diagnosticAt(ctx, [...p.node.path, 'workflow_ref'], {
        code: this.code,
        severity: 'error',
        message: `node "${p.node.id}" nests sub-workflows more than ${MAX_WORKFLOW_REF_DEPTH} deep: ${p.chain.slice(0, 4).join(' → ')} → …`,
        hint: 'flatten some of the levels',
      }));
  },
};
