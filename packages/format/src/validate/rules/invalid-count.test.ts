import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { invalidCount } from './invalid-count.js';

describe('invalid-count', () => {
  it('reports zero max_iterations, fractional spawn_count and negative retries', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a', retryPolicy: { maxRetries: -1, strategy: 'fixed', backoffSec: 1 } }, { id: 'b' }],
      edges: [{ from: 'a', to: 'b', mode: 'loop', when: 'true', maxIterations: 0 }, { from: 'a', to: 'b', mode: 'spawn', spawnCount: 1.5 }],
    });
    assert.deepEqual(findings(invalidCount, testContext(wf)), [
      { code: 'invalid-count', severity: 'error', line: 500, column: 7 },
      { code: 'invalid-count', severity: 'error', line: 510, column: 7 },
      { code: 'invalid-count', severity: 'error', line: 100, column: 9 },
    ]);
  });

  it('accepts sensible counts, including zero retries', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a', retryPolicy: { maxRetries: 0, strategy: 'exponential_backoff', backoffSec: 0 } }, { id: 'b', spawnPolicy: { maxChildren: 3 } }],
      edges: [{ from: 'a', to: 'b', mode: 'loop', when: 'true', maxIterations: 5 }],
    });
    assert.deepEqual(invalidCount.check(testContext(wf)), []);
  });
});
