import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWorkflowSource } from '../runtime/workflow-source.js';
import { indexWorkflow } from './workflow-index.js';

function joinsOf(edges: string): string[] {
  const ids = [...new Set([...edges.matchAll(/(?:from|to): (\w+)/g)].map((m) => m[1]))];
  const source = parseWorkflowSource(`osop_version: "1.1"
id: joins
name: Joins
nodes:
${ids.map((id) => `  - { id: ${id}, type: cli }`).join('\n')}
edges:
${edges}`);
  return [...indexWorkflow(source.workflow).waitingJoins].sort();
}

describe('findWaitingJoins', () => {
  it('a node fed by two branches of a parallel split waits; the merge after an exclusive choice does not', () => {
    assert.deepEqual(joinsOf(`  - { from: s, to: a, mode: parallel }
  - { from: s, to: b, mode: parallel }
  - { from: a, to: j }
  - { from: b, to: j }
  - { from: j, to: x, mode: conditional, when: "true" }
  - { from: j, to: y, mode: conditional, when: "false" }
  - { from: x, to: m }
  - { from: y, to: m }
`), ['j']);
  });

  it('two plain sequential edges from one step fan out too', () => {
    assert.deepEqual(joinsOf(`  - { from: s, to: a }
  - { from: s, to: b }
  - { from: a, to: j }
  - { from: b, to: j }
`), ['j']);
  });

  it('a cycle closed by a conditional edge makes its target an XOR-merge, even around a parallel split', () => {
    assert.deepEqual(joinsOf(`  - { from: start, to: draft }
  - { from: draft, to: s }
  - { from: s, to: a, mode: parallel }
  - { from: s, to: b, mode: parallel }
  - { from: a, to: j }
  - { from: b, to: j }
  - { from: j, to: draft, mode: conditional, when: "false" }
  - { from: j, to: done, mode: conditional, when: "true" }
`), ['j']);
  });

  it('an explicit join_mode always waits', () => {
    assert.deepEqual(joinsOf(`  - { from: c, to: x, mode: conditional, when: "true" }
  - { from: c, to: y, mode: conditional, when: "false" }
  - { from: x, to: m, join_mode: wait_any }
  - { from: y, to: m }
`), ['m']);
  });
});
