import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainWorkflowPasses } from './plain-workflow-passes.js';
import { sopflowWorkflowSchema } from './workflow-sopflow.js';

const workflow = (node: Record<string, unknown>, edge: Record<string, unknown>): Record<string, unknown> => ({
  osop_version: '1.1', id: 'w', name: 'W',
  nodes: [{ id: 'a', type: 'human', name: 'A', timeout_sec: 60 }, { id: 'b', type: 'cli', runtime: { command: ['echo', 'ok'] } }, node],
  edges: [{ from: 'a', to: 'b', mode: 'conditional', when: 'true' }, edge],
});
const goodNode = { id: 'c', type: 'system', purpose: 'end', runtime: { action: 'noop' } };
const goodEdge = { from: 'b', to: 'c' };

test('a plain workflow passes without judging every element, as the full schema agrees', () => {
  const data = workflow(goodNode, goodEdge);
  assert.equal(plainWorkflowPasses(data, sopflowWorkflowSchema), true);
  assert.equal(sopflowWorkflowSchema.safeParse(data).success, true);
});

test('any element it is not sure about sends the document to the full schema', () => {
  const unsure: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ ...goodNode, type: 'robot' }, goodEdge], [{ ...goodNode, id: '' }, goodEdge], [{ ...goodNode, id: 3 }, goodEdge],
    [{ ...goodNode, timeout_sec: '60' }, goodEdge], [{ ...goodNode, timeout_sec: Infinity }, goodEdge],
    [{ ...goodNode, runtime: { action: 1 } }, goodEdge], [{ ...goodNode, runtime: { shell: true } }, goodEdge],
    [{ ...goodNode, on_success: 'x' }, goodEdge], [{ type: 'human' }, goodEdge],
    [goodNode, { ...goodEdge, mode: 'sideways' }], [goodNode, { ...goodEdge, colour: 'red' }], [goodNode, { to: 'c' }],
    [goodNode, { ...goodEdge, when: 1 }],
  ];
  for (const [node, edge] of unsure) {
    assert.equal(plainWorkflowPasses(workflow(node, edge), sopflowWorkflowSchema), false, JSON.stringify([node, edge]));
  }
  assert.equal(plainWorkflowPasses({ ...workflow(goodNode, goodEdge), nodes: [] }, sopflowWorkflowSchema), false);
  assert.equal(plainWorkflowPasses([], sopflowWorkflowSchema), false);
});

test('root-level faults are still caught by the sampled check', () => {
  assert.equal(plainWorkflowPasses({ ...workflow(goodNode, goodEdge), osop_version: 'one' }, sopflowWorkflowSchema), false);
  assert.equal(plainWorkflowPasses({ ...workflow(goodNode, goodEdge), colour: 'red' }, sopflowWorkflowSchema), false);
});
