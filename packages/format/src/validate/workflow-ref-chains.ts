import type { WorkflowNode } from '../model/workflow.js';
import type { Workflow } from '../model/workflow.js';
import type { RuleContext } from './rule.js';

/** Deepest allowed nesting of sub-workflows (the root is depth 0). */
export const MAX_WORKFLOW_REF_DEPTH = 10;

/** A problem found following one root node's `workflow_ref`. */
export interface WorkflowRefProblem {
  node: WorkflowNode;
  kind: 'cycle' | 'too-deep';
  /** Workflow ids from the root to where the problem shows. */
  chain: string[];
}

const cache = new WeakMap<Workflow, WorkflowRefProblem[]>();

/**
 * Follows `workflow_ref`s from the root workflow through `ctx.resolveWorkflowRef` (when given):
 * reports cycles (a workflow that includes itself) and nesting deeper than MAX_WORKFLOW_REF_DEPTH.
 * Without a resolver only direct self-references are found. Cached per workflow.
 */
export function workflowRefProblems(ctx: RuleContext): WorkflowRefProblem[] {
  const root = ctx.workflow;
  const cached = cache.get(root);
  if (cached !== undefined) return cached;
  const heights = new Map<string, number>();
  const problems: WorkflowRefProblem[] = [];

  // Returns the height below `wf` or 'cycle'/'deep' for the first problem on this branch.
  const explore = (wf: Workflow, stack: string[]): { problem?: 'cycle' | 'too-deep'; chain: string[]; height: number } => {
    const memo = heights.get(wf.id);
    if (memo !== undefined) {
      if (stack.length - 1 + memo > MAX_WORKFLOW_REF_DEPTH) return { problem: 'too-deep', chain: [...stack, '…'], height: memo };
      return { chain: stack, height: memo };
    }
    let height = 0;
    for (const node of wf.nodes) {
      if (node.workflowRef === undefined) continue;
      const child = node.workflowRef === wf.id ? wf : ctx.resolveWorkflowRef?.(node.workflowRef, wf);
      if (child === undefined) continue;
      if (stack.includes(child.id)) return { problem: 'cycle', chain: [...stack, child.id], height };
      if (stack.length > MAX_WORKFLOW_REF_DEPTH) return { problem: 'too-deep', chain: [...stack, child.id], height };
      const below = explore(child, [...stack, child.id]);
      if (below.problem !== undefined) return below;
      height = Math.max(height, below.height + 1);
    }
    heights.set(wf.id, height);
    return { chain: stack, height };
  };

  for (const node of root.nodes) {
    if (node.workflowRef === undefined) continue;
    const child = node.workflowRef === root.id ? root : ctx.resolveWorkflowRef?.(node.workflowRef, root);
    if (child === undefined) continue;
    if (child.id === root.id) {
      problems.push({ node, kind: 'cycle', chain: [root.id, root.id] });
      continue;
    }
    const result = explore(child, [root.id, child.id]);
    if (result.problem !== undefined) problems.push({ node, kind: result.problem, chain: result.chain });
  }
  cache.set(root, problems);
  return problems;
}
