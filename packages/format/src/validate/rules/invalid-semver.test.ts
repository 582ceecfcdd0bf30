import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { invalidSemver } from './invalid-semver.js';

const doc = (version: string): string => `osop_version: "1.0"
id: t
name: T
version: ${version}
nodes:
  - id: a
    type: human
edges: []
`;

describe('invalid-semver', () => {
  it('reports a version that is not semver at all as an error', () => {
    const text = doc('"release-two"');
    assert.deepEqual(findings(invalidSemver, yamlContext(text)), [{ code: 'invalid-semver', severity: 'error', ...positionOf(text, '"release-two"') }]);
  });

  it('warns about a short or v-prefixed version and suggests the full form', () => {
    const short = invalidSemver.check(yamlContext(doc('"2.4"')));
    assert.deepEqual(short.map((d) => [d.severity, d.hint]), [['warning', 'write version: "2.4.0"']]);
    const prefixed = invalidSemver.check(testContext(testWorkflow({ version: 'v1.2.3', nodes: [{ id: 'a' }] })));
    assert.deepEqual(prefixed.map((d) => [d.severity, d.hint]), [['warning', 'write version: "1.2.3"']]);
  });

  it('accepts semver with pre-release and build metadata, and no version', () => {
    for (const version of ['1.0.0', '2.4.1-rc.1+build.7', '0.0.1']) {
      assert.deepEqual(invalidSemver.check(testContext(testWorkflow({ version, nodes: [{ id: 'a' }] }))), [], version);
    }
    assert.deepEqual(invalidSemver.check(testContext(testWorkflow({ nodes: [{ id: 'a' }] }))), []);
    assert.equal(invalidSemver.check(testContext(testWorkflow({ version: '01.2.3', nodes: [{ id: 'a' }] })))[0]?.severity, 'error');
  });
});
