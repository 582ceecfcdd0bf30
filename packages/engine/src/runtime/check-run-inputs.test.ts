import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { checkRunInputs, createEngine, parseWorkflowSource } from '../index.js';

const CLAIM = parseWorkflowSource(`osop_version: "1.1"
id: claim
name: Claim
inputs:
  - { name: claimant, type: string, required: true }
  - { name: amount, type: double }
  - { name: urgent, type: bool }
  - { name: note }
nodes:
  - { id: done, type: system, runtime: { action: noop } }
`, 'claim.osop');

describe('run inputs are checked against the declared inputs', () => {
  it('names a missing required input, an unknown name and a value of the wrong type', () => {
    assert.deepEqual(checkRunInputs(CLAIM.workflow, { claimant: 'Ada', amount: 12.5, urgent: true, note: { any: 1 } }), []);
    assert.deepEqual(checkRunInputs(CLAIM.workflow, { amount: 'ten', urgnet: true }), [
      'missing required input: claimant',
      'input amount must be double, not string ("ten")',
      'unknown input urgnet: workflow claim does not declare it (it declares claimant, amount, urgent, note)',
    ]);
    assert.deepEqual(checkRunInputs(CLAIM.workflow, { claimant: 'Ada', extra: 1 }, { allowUndeclared: true }), []);
  });

  it('startRun refuses bad inputs with invalid_input and stores nothing', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, identity: 'unchecked' });
    await assert.rejects(engine.startRun(CLAIM, { claimant: 'Ada', amount: 'ten' }), (error: unknown) => {
      assert.equal((error as { code?: string }).code, 'invalid_input');
      assert.match((error as Error).message, /input amount must be double/);
      return true;
    });
    assert.deepEqual(await store.listRuns(), []);
    const id = await engine.startRun(CLAIM, { claimant: 'Ada', amount: 10 });
    assert.equal((await store.getRun(id))?.status, 'completed');
  });
});
