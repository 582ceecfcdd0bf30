import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from './all-rules.js';
import type { Rule } from './rule.js';
import { runRules } from './run-rules.js';
import { linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from './test-workflow.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

describe('runRules', () => {
  it('turns a rule that throws into an internal-error warning and still runs the others', () => {
    const broken: Rule = { code: 'broken', name: 'Broken', check: () => { throw new Error('boom'); } };
    const found = runRules(testContext(testWorkflow({ version: 'nope', nodes: [{ id: 'a' }] })), [broken, ...ALL_RULES]);
    assert.ok(found.some((d) => d.code === 'internal-error' && d.severity === 'warning' && /broken failed: boom/.test(d.message)));
    assert.ok(found.some((d) => d.code === 'invalid-semver'));
  });

  it('returns diagnostics ordered by position', () => {
    const wf = testWorkflow({
      version: 'x',
      nodes: [{ id: 'a', confidenceRequirement: 2 }, { id: 'a' }],
      edges: [{ from: 'a', to: 'ghost' }],
    });
    const lines = runRules(testContext(wf)).map((d) => d.line);
    assert.deepEqual(lines, [...lines].sort((x, y) => x - y));
    assert.ok(lines.length >= 3);
  });

  it('points at the offending value in YAML for flow-style nodes and edges', () => {
    const text = `osop_version: "1.1"
id: t
name: T
roles: [ops]
nodes:
  - { id: a, type: system, role: opss }
  - { id: b, type: department, delegation_state: agent_autonomous }
  - { id: c, type: system }
  - { id: d, type: system }
edges:
  - { from: a, to: b, mode: weighted, weight: 0 }
  - { from: a, to: c, mode: weighted, weight: 2 }
  - { from: b, to: d, join_mode: wait_all }
  - { from: c, to: d, join_mode: wait_any }
  - { from: d, to: a, mode: loop, when: "true", max_iterations: 0 }
  - { from: d, to: c, mode: event }
`;
    const found = runRules(yamlContext(text)).map(({ code, severity, line, column }) => ({ code, severity, line, column }));
    assert.deepEqual(found, [
      { code: 'unknown-role', severity: 'warning', ...positionOf(text, 'opss') },
      { code: 'delegation-not-applicable', severity: 'warning', ...positionOf(text, 'agent_autonomous') },
      { code: 'invalid-edge-weight', severity: 'error', ...positionOf(text, '0 }') },
      { code: 'conflicting-join-mode', severity: 'error', ...positionOf(text, 'wait_any') },
      { code: 'invalid-count', severity: 'error', ...positionOf(text, '0 }', 2) },
      { code: 'event-without-name', severity: 'warning', ...positionOf(text, '{ from: d, to: c') },
    ]);
  });

  it('finds nothing wrong with an ordinary linear workflow', () => {
    assert.deepEqual(runRules(testContext(linearWorkflow(['a', 'b', 'c']))), []);
  });

  it('has one rule per file under rules/, each with a test, and codes equal to file names', () => {
    const dir = fileURLToPath(new URL('./rules/', import.meta.url));
    const files = readdirSync(dir);
    const ruleFiles = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => f.slice(0, -3)).sort();
    assert.deepEqual(ALL_RULES.map((r) => r.code).sort(), ruleFiles);
    for (const code of ruleFiles) assert.ok(files.includes(`${code}.test.ts`), `${code} has a test`);
  });
});
