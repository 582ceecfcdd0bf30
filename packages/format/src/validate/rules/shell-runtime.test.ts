import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { shellRuntime } from './shell-runtime.js';

const doc = (shell: string): string => `osop_version: "1.0"
id: t
name: T
nodes:
  - id: cleanup
    type: cli
    runtime:
      command: "rm -rf build"
      shell: ${shell}
edges: []
`;

describe('shell-runtime', () => {
  it('warns that shell: true is high risk, at the shell value', () => {
    const text = doc('true');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(shellRuntime, ctx), [{ code: 'shell-runtime', severity: 'warning', ...positionOf(text, 'true') }]);
    assert.match(shellRuntime.check(ctx)[0]!.message, /high risk/);
  });

  it('is silent for shell: false', () => {
    assert.deepEqual(shellRuntime.check(yamlContext(doc('false'))), []);
  });
});
