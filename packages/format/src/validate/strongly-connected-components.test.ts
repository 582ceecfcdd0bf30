import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stronglyConnectedComponents } from './strongly-connected-components.js';
import { workflowComponents } from './workflow-components.js';
import { testWorkflow } from './test-workflow.js';

/** CSR arrays from an adjacency list. */
function csr(adjacency: number[][]): [Int32Array, Int32Array] {
  const start = new Int32Array(adjacency.length + 1);
  adjacency.forEach((next, i) => { start[i + 1] = start[i]! + next.length; });
  return [start, Int32Array.from(adjacency.flat())];
}

describe('stronglyConnectedComponents', () => {
  it('finds the components of a textbook graph, sinks numbered first', () => {
    // 0→1→2→0 is a cycle; 2→3; 3→4→3 is a cycle; 5 alone with a self-loop; 6 alone.
    const [start, list] = csr([[1], [2], [0, 3], [4], [3], [5], [0]]);
    const { componentOf, count } = stronglyConnectedComponents(start, list);
    assert.equal(count, 4);
    assert.equal(componentOf[0], componentOf[1]);
    assert.equal(componentOf[1], componentOf[2]);
    assert.equal(componentOf[3], componentOf[4]);
    assert.notEqual(componentOf[0], componentOf[3]);
    assert.ok(componentOf[3]! < componentOf[0]!, 'the component {3,4} is reached from {0,1,2}, so it is numbered first');
    assert.ok(componentOf[0]! < componentOf[6]!);
  });

  it('handles a 100,000-node chain without recursion', () => {
    const n = 100_000;
    const [start, list] = csr(Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [0])));
    const { count } = stronglyConnectedComponents(start, list);
    assert.equal(count, 1);
  });
});

describe('workflowComponents', () => {
  it('reports cycles (including self-loops) in document order and ignores dataflow edges', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
      edges: [
        { from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'c', to: 'c' },
        { from: 'c', to: 'd' }, { from: 'd', to: 'c', mode: 'dataflow' },
      ],
    });
    assert.deepEqual(workflowComponents(wf).cycles, [['a', 'b'], ['c']]);
  });
});
