import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { invalidCel } from './invalid-cel.js';

const doc = (when: string): string => `osop_version: "1.0"
id: approvals
name: Approvals
inputs:
  - name: amount
    type: int
nodes:
  - id: submit
    type: human
    outputs:
      - name: approved
        type: bool
  - id: pay
    type: api
edges:
  - from: submit
    to: pay
    mode: conditional
    when: ${when}
`;

describe('invalid-cel', () => {
  it('reports a syntax error at the offending character inside the when value', () => {
    const text = doc('"inputs.amount > > 5"');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(invalidCel, ctx), [{ code: 'invalid-cel', severity: 'error', ...positionOf(text, '> 5"') }]);
    assert.match(invalidCel.check(ctx)[0]!.message, /syntax error.*character 17/);
  });

  it('points at an OSOP-style `condition:` value', () => {
    const text = doc('"true"').replace('    when: "true"', '    condition: "inputs.amount >"');
    const { line } = positionOf(text, '"inputs.amount >"');
    assert.deepEqual(findings(invalidCel, yamlContext(text)).map((f) => [f.code, f.line]), [['invalid-cel', line]]);
    assert.deepEqual(findings(invalidCel, yamlContext(text, { text: undefined })), [{ code: 'invalid-cel', severity: 'error', ...positionOf(text, '"inputs.amount >"') }]);
  });

  it('reports a type error against a declared input and a declared output', () => {
    assert.match(invalidCel.check(yamlContext(doc('"inputs.amount > \'many\'"')))[0]!.message, /type error: no such overload: int > string/);
    assert.match(invalidCel.check(yamlContext(doc('"steps.submit.outputs.approved == 1"')))[0]!.message, /bool == int/);
    assert.match(invalidCel.check(yamlContext(doc('inputs.missing > 1')))[0]!.message, /missing/);
    assert.match(invalidCel.check(yamlContext(doc('inputs.amount')))[0]!.message, /must yield bool/);
  });

  it('accepts well-typed expressions, including OSOP-style bare output names', () => {
    assert.deepEqual(invalidCel.check(yamlContext(doc('"inputs.amount > 5000 && steps.submit.outputs.approved"'))), []);
    assert.deepEqual(invalidCel.check(yamlContext(doc('"approved == true"'))), []);
  });

  it('reports reading a step that can never have run before the edge', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'c', outputs: [{ name: 'ok', type: 'bool' }] }],
      edges: [{ from: 'a', to: 'b', mode: 'conditional', when: 'steps.c.outputs.ok' }, { from: 'b', to: 'c' }],
    });
    const found = invalidCel.check(testContext(wf));
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /"c" can never have run before "a"/);
    assert.equal(found[0]!.line, 500);
  });

  it('checks for_each as a list and exit conditions as bool', () => {
    const wf = testWorkflow({
      inputs: [{ name: 'count', type: 'int' }],
      nodes: [{ id: 'a' }, { id: 'b' }],
      edges: [{ from: 'a', to: 'b', mode: 'loop', forEach: 'inputs.count' }],
      exitConditions: [{ node: 'b', when: 'inputs.count +' }],
    });
    const messages = invalidCel.check(testContext(wf)).map((d) => d.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0]!, /for_each.*must yield a list/);
    assert.match(messages[1]!, /exit condition.*syntax error/);
  });
});
