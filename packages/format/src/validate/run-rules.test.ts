import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_RULES } from './all-rules.js';
import type { Rule } from './rule.js';
import { runRules } from './run-rules.js';
import { linearWorkflow, testContext, testWorkflow } from './test-workflow.js';
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
