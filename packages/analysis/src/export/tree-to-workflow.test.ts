import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stringifyWorkflow, validateSource } from '@sopflow/format';
import { activity, operator, tau } from '../mining/process-tree.js';
import { treeToWorkflow } from './tree-to-workflow.js';

describe('treeToWorkflow', () => {
  const tree = operator('sequence', [
    activity('register'),
    operator('xor', [activity('check simple'), activity('check complex')]),
    operator('parallel', [activity('notify'), activity('archive')]),
    operator('loop', [activity('repair'), tau()]),
    activity('close'),
  ]);

  it('maps sequence, choice, parallel and loop to edges of the right mode', () => {
    const wf = treeToWorkflow(tree, { id: 'mined', name: 'Mined' });
    const names = wf.nodes.filter((n) => n.type === 'human').map((n) => n.name);
    assert.deepEqual(names, ['register', 'check simple', 'check complex', 'notify', 'archive', 'repair', 'close']);
    const modes = (mode: string) => wf.edges.filter((e) => e.mode === mode).length;
    assert.equal(modes('weighted'), 2, 'two branches of the choice');
    assert.equal(modes('parallel'), 2, 'two parallel branches');
    assert.equal(wf.edges.filter((e) => e.joinMode === 'wait_all').length, 2);
    const loop = wf.edges.find((e) => e.mode === 'loop');
    assert.ok(loop?.maxIterations && loop.maxIterations > 0, 'loops are bounded');
    assert.equal(wf.entryPoint, 'register');
    assert.equal(wf.status, 'draft');
  });

  it('writes an .osop that validates', () => {
    const text = stringifyWorkflow(treeToWorkflow(tree, { id: 'mined', name: 'Mined' }));
    const report = validateSource(text, 'mined.osop');
    assert.equal(report.valid, true, JSON.stringify(report.diagnostics.filter((d) => d.severity === 'error'), null, 2));
  });
});
