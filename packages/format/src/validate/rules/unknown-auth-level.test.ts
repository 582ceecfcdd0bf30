import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, yamlContext } from '../test-workflow.js';
import { unknownAuthLevel } from './unknown-auth-level.js';

const doc = (levels: string, level: string): string => `osop_version: "1.0"
id: triage
name: Triage
${levels}nodes:
  - id: give_medication
    type: human
    auth_level: ${level}
edges: []
`;

describe('unknown-auth-level', () => {
  it('reports a level outside the default ladder', () => {
    const text = doc('', 'surgeon');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(unknownAuthLevel, ctx), [{ code: 'unknown-auth-level', severity: 'error', ...positionOf(text, 'surgeon') }]);
    assert.match(unknownAuthLevel.check(ctx)[0]!.message, /operator, supervisor, clinician, director/);
  });

  it('uses the workflow\'s own auth_levels when declared', () => {
    assert.deepEqual(unknownAuthLevel.check(yamlContext(doc('auth_levels: [nurse, senior_nurse, physician]\n', 'senior_nurse'))), []);
    assert.equal(unknownAuthLevel.check(yamlContext(doc('auth_levels: [nurse, physician]\n', 'clinician'))).length, 1);
    assert.deepEqual(unknownAuthLevel.check(yamlContext(doc('', 'Clinician'))), []);
  });
});
