import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { testWorkflow, yamlContext } from '../validate/test-workflow.js';
import { RENDER_FIXTURE } from './render-fixture.js';
import { renderOutline } from './render-outline.js';

const workflow = yamlContext(RENDER_FIXTURE).workflow;
const outline = renderOutline(workflow);
const lines = outline.split('\n');

/** The lines of one lane, from its header to the next blank line. */
function lane(title: string): string[] {
  const start = lines.findIndex((l) => l.startsWith(`── ${title} `));
  assert.ok(start >= 0, `lane ${title}`);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('renderOutline', () => {
  it('groups steps into one lane per role, in order of first appearance, then unassigned steps', () => {
    const headers = lines.filter((l) => l.startsWith('── ')).map((l) => l.slice(3).replace(/ ─+$/, ''));
    assert.deepEqual(headers, ['engineer', 'qa', 'release-manager', '(no role)']);
    const qa = lane('qa').join('\n');
    assert.match(qa, /\[A\] AI change review \(ai_review\)/);
    assert.match(qa, /\[H\] Manual QA sign-off \(manual_qa\)/);
    assert.doesNotMatch(qa, /deploy \(/);
    for (const node of workflow.nodes) assert.ok(outline.includes(`(${node.id})`), node.id);
  });

  it('marks approval gates, risk, timeouts and confidence gates', () => {
    const deploy = lines.find((l) => l.includes('(deploy)'))!;
    assert.match(deploy, /\[S\].*✔ approval by release-manager.*! risk critical/);
    assert.match(lines.find((l) => l.includes('(unit_tests)'))!, /⏱ 30 min/);
    assert.match(lines.find((l) => l.includes('(ai_review)'))!, /confidence ≥ 0\.8/);
  });

  it('shows branches: parallel fan-out and join, loop, switch cases and error path', () => {
    assert.match(outline, /⇉ in parallel: 2\. unit_tests, 3\. ai_review/);
    assert.match(outline, /⇇ waits for all of: 2\. unit_tests, 3\. ai_review/);
    assert.match(outline, /↻ repeat while steps\.unit_tests\.status == 'failed', at most 3× → 2\. unit_tests/);
    assert.match(outline, /\? inputs\.channel = "stable" → \d+\. manual_qa/);
    assert.match(outline, /\? otherwise → \d+\. deploy/);
    assert.match(outline, /✗ on error → \d+\. rollback/);
  });

  it('colours only when asked, and strips control characters from names', () => {
    assert.doesNotMatch(outline, /\u001b\[/);
    assert.match(renderOutline(workflow, { color: true }), /\u001b\[1m/);
    const hostile = renderOutline(testWorkflow({ nodes: [{ id: 'a', name: 'evil\u001b[2Jname', role: 'ops\u0007' }] }));
    assert.doesNotMatch(hostile, /\u001b|\u0007/);
    assert.match(hostile, /evil\[2Jname/);
  });

  it('shows escalations to roles and missing targets', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'assess', type: 'agent', onTimeout: { role: 'senior_nurse' } }],
      edges: [{ from: 'assess', to: 'ghost' }],
    });
    const text = renderOutline(wf);
    assert.match(text, /⏱ on timeout → escalate to senior_nurse/);
    assert.match(text, /→ ghost \(missing\)/);
  });
});
