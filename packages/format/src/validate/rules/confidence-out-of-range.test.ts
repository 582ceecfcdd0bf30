import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { confidenceOutOfRange } from './confidence-out-of-range.js';

const doc = (value: string): string => `osop_version: "1.0"
id: triage
name: Triage
nodes:
  - id: assess
    type: agent
    confidence_requirement: ${value}
edges: []
`;

describe('confidence-out-of-range', () => {
  it('reports a percentage written as 80, with a hint to write 0.8', () => {
    const text = doc('80');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(confidenceOutOfRange, ctx), [{ code: 'confidence-out-of-range', severity: 'error', ...positionOf(text, '80') }]);
    assert.equal(confidenceOutOfRange.check(ctx)[0]!.hint, 'a fraction is expected: write 0.8 for 80%');
  });

  it('reports negative values and accepts 0, 0.85 and 1', () => {
    assert.equal(confidenceOutOfRange.check(yamlContext(doc('-0.1'))).length, 1);
    for (const ok of ['0', '0.85', '1']) assert.deepEqual(confidenceOutOfRange.check(yamlContext(doc(ok))), [], ok);
  });
});
