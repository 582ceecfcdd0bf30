import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeNode, makeRequest } from '../../test-support/executor-request.js';
import { createStepDeadline } from './step-deadline.js';

describe('createStepDeadline', () => {
  it('reads TimeoutError, "TIMEOUT" and Error("TIMEOUT") reasons as TIMEOUT, anything else as CANCELLED', () => {
    const reasons: [unknown, string][] = [
      [new DOMException('late', 'TimeoutError'), 'TIMEOUT'],
      ['TIMEOUT', 'TIMEOUT'],
      [new Error('TIMEOUT'), 'TIMEOUT'],
      [new Error('user cancelled the run'), 'CANCELLED'],
      [undefined, 'CANCELLED'],
    ];
    for (const [reason, expected] of reasons) {
      const controller = new AbortController();
      const deadline = createStepDeadline(makeRequest(makeNode({ id: 'n', type: 'cli' }), { signal: controller.signal }));
      assert.equal(deadline.signal.aborted, false);
      controller.abort(reason);
      assert.equal(deadline.signal.aborted, true);
      assert.equal(deadline.reason(), expected, String(reason));
      deadline.dispose();
    }
  });

  it('ignores the node timeoutSec: only the request signal (the engine\'s deadline) ends the attempt', async () => {
    const deadline = createStepDeadline(makeRequest(makeNode({ id: 'n', type: 'cli', timeoutSec: 0.01 })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(deadline.signal.aborted, false);
    deadline.dispose();
    const engine = new AbortController();
    const timed = createStepDeadline(makeRequest(makeNode({ id: 'n', type: 'cli' }), { signal: engine.signal }));
    setTimeout(() => engine.abort(new DOMException('deadline passed', 'TimeoutError')), 10);
    await new Promise((resolve) => timed.signal.addEventListener('abort', resolve, { once: true }));
    assert.equal(timed.reason(), 'TIMEOUT');
    timed.dispose();
  });
});
