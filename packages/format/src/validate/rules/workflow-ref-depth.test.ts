import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Workflow } from '../../model/workflow.js';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { workflowRefDepth } from './workflow-ref-depth.js';

/** level0 → level1 → … → level{n}: the root nests n levels of sub-workflows. */
function chain(n: number): { root: Workflow; resolve: (ref: string) => Workflow | undefined } {
  const byId = new Map<string, Workflow>();
  for (let i = 0; i <= n; i++) {
    byId.set(`level${i}`, testWorkflow({ id: `level${i}`, nodes: [{ id: 'step', ...(i < n ? { workflowRef: `level${i + 1}` } : {}) }] }));
  }
  return { root: byId.get('level0')!, resolve: (ref) => byId.get(ref) };
}

describe('workflow-ref-depth', () => {
  it('reports nesting 11 levels deep at the root node', () => {
    const { root, resolve } = chain(11);
    assert.deepEqual(findings(workflowRefDepth, testContext(root, { resolveWorkflowRef: resolve })), [
      { code: 'workflow-ref-depth', severity: 'error', line: 100, column: 7 },
    ]);
  });

  it('accepts exactly 10 levels', () => {
    const { root, resolve } = chain(10);
    assert.deepEqual(workflowRefDepth.check(testContext(root, { resolveWorkflowRef: resolve })), []);
  });
});
