import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { eventWithoutName } from './event-without-name.js';

const nodes = [{ id: 'a' }, { id: 'b' }];

describe('event-without-name', () => {
  it('warns about event, signal and message edges that name nothing', () => {
    const wf = testWorkflow({
      nodes,
      edges: [{ from: 'a', to: 'b', mode: 'event' }, { from: 'a', to: 'b', mode: 'signal', event: ' ' }, { from: 'a', to: 'b', mode: 'message' }],
    });
    assert.deepEqual(findings(eventWithoutName, testContext(wf)), [
      { code: 'event-without-name', severity: 'warning', line: 500, column: 5 },
      { code: 'event-without-name', severity: 'warning', line: 510, column: 5 },
      { code: 'event-without-name', severity: 'warning', line: 520, column: 5 },
    ]);
  });

  it('says which name the engine falls back to', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'event', label: 'payment in' }] });
    assert.match(eventWithoutName.check(testContext(wf))[0]!.message, /the engine will use "payment in"/);
  });

  it('accepts named events and ignores other modes', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'event', event: 'payment.received' }, { from: 'a', to: 'b' }] });
    assert.deepEqual(eventWithoutName.check(testContext(wf)), []);
  });
});
