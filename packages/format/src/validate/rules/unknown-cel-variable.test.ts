import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { invalidCel } from './invalid-cel.js';
import { unknownCelVariable } from './unknown-cel-variable.js';

const doc = (when: string): string => `osop_version: "1.0"
id: review
name: Review
nodes:
  - id: analyze
    type: agent
    outputs: [risk_score]
  - id: fast
    type: agent
edges:
  - from: analyze
    to: fast
    mode: conditional
    when: ${when}
`;

describe('unknown-cel-variable', () => {
  it('warns (does not fail) when a bare name is declared nowhere', () => {
    const text = doc('"riskscore < 5"');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(unknownCelVariable, ctx), [{ code: 'unknown-cel-variable', severity: 'warning', ...positionOf(text, '"riskscore < 5"') }]);
    assert.deepEqual(invalidCel.check(ctx), []);
  });

  it('accepts a declared output name used bare', () => {
    assert.deepEqual(unknownCelVariable.check(yamlContext(doc('"risk_score < 5"'))), []);
  });
});
