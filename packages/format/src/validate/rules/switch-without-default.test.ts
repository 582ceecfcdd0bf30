import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { switchWithoutDefault } from './switch-without-default.js';

const doc = (extra: string): string => `osop_version: "1.0"
id: t
name: T
inputs:
  - name: priority
    type: string
nodes:
  - id: triage
    type: human
  - id: urgent
    type: human
  - id: routine
    type: human
edges:
  - from: triage
    to: urgent
    mode: switch
    when: inputs.priority
    cases:
      - value: high
        to: urgent
      - value: low
        to: routine
${extra}`;

describe('switch-without-default', () => {
  it('warns about a switch with no default_to', () => {
    const text = doc('');
    assert.deepEqual(findings(switchWithoutDefault, yamlContext(text)), [
      { code: 'switch-without-default', severity: 'warning', ...positionOf(text, 'from: triage') },
    ]);
  });

  it('accepts a switch with default_to', () => {
    assert.deepEqual(switchWithoutDefault.check(yamlContext(doc('    default_to: routine\n'))), []);
  });
});
