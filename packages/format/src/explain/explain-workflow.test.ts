import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RENDER_FIXTURE } from '../render/render-fixture.js';
import { testWorkflow, yamlContext } from '../validate/test-workflow.js';
import { TRIAGE_FIXTURE } from './explain-fixture.js';
import { explainWorkflow } from './explain-workflow.js';

const triage = explainWorkflow(yamlContext(TRIAGE_FIXTURE).workflow);
const release = explainWorkflow(yamlContext(RENDER_FIXTURE).workflow);

/** The bullet lines under one `## heading`. */
function sectionOf(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(`## ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('-') || l.startsWith('  -'));
}

describe('explainWorkflow', () => {
  it('opens with the purpose, the facts and the human/agent/system split', () => {
    assert.match(triage, /^# Emergency triage\n\n\*\*Purpose\.\*\* Assess walk-in patients/);
    assert.match(triage, /Version 2\.4\.1, certification certified, applies in UK\./);
    assert.match(triage, /It has 5 steps: 3 done by people, 1 by AI agents and 1 by systems\. It starts at "gather_vitals"\./);
  });

  it('lists the inputs a run needs', () => {
    assert.deepEqual(sectionOf(release, 'What a run needs'), ['- `channel` (string)']);
    assert.deepEqual(sectionOf(triage, 'What a run needs'), []);
  });

  it('says who does what, per role', () => {
    assert.deepEqual(sectionOf(triage, 'Who does what'), [
      '- **nurse** — 2 steps: "gather_vitals" (person), "assess_acuity" (AI agent).',
      '- **physician** — 2 steps: "decide" (person), "admit" (person).',
      '- **No role given** — 1 step: "discharge" (system).',
      '- Declared roles with no step of their own: senior_nurse.',
    ]);
  });

  it('separates automated from human steps and explains confidence gates and delegation', () => {
    const lines = sectionOf(triage, 'Automated and human steps').join('\n');
    assert.match(lines, /Done by people \(3\): "gather_vitals", "decide" and "admit"/);
    assert.match(lines, /"assess_acuity" must be at least 85% confident/);
    assert.match(lines, /delegated to an agent under supervision/);
  });

  it('lists approvals, authorisations and escalations', () => {
    assert.deepEqual(sectionOf(triage, 'Approvals and escalations'), [
      '- If "gather_vitals" runs out of time, it is escalated to senior_nurse.',
      '- If "assess_acuity" fails, it is escalated to senior_nurse.',
      '- "decide" needs a person\'s authorisation at level physician or higher.',
      '- Escalation path clinical_escalation: to senior_nurse — any doubt about acuity.',
    ]);
    assert.match(release, /"Deploy to production" needs approval from release-manager before it takes effect\./);
    assert.match(release, /If "Deploy to production" fails, the work goes to "Roll back"\./);
  });

  it('describes parallel work, decisions, loops, time limits and risks', () => {
    assert.deepEqual(sectionOf(release, 'What runs in parallel'), [
      '- After "Cut release branch", "Unit tests" and "AI change review" run at the same time.',
      '- "Merge results" waits for all of "Unit tests" and "AI change review".',
    ]);
    assert.match(sectionOf(release, 'Decisions')[0]!, /depends on `inputs\.channel`: "stable" → "Manual QA sign-off"; "canary" → "Canary"; otherwise → "Deploy to production"/);
    assert.deepEqual(sectionOf(release, 'Loops'), ['- "Unit tests" repeats while `steps.unit_tests.status == \'failed\'` (at most 3 times).']);
    assert.ok(sectionOf(release, 'Time limits').includes('- The whole run must finish within 1 d.'));
    assert.deepEqual(sectionOf(release, 'Risks'), ['- "Deploy to production" is critical risk, and a person approves it.']);
    assert.deepEqual(sectionOf(triage, 'How it ends'), [
      '- It ends at "discharge" — patient discharged with advice.',
      '- It ends at "admit" — patient admitted.',
    ]);
  });

  it('flags unapproved high-risk and shell steps, and is deterministic', () => {
    const wf = testWorkflow({
      name: 'Cleanup',
      nodes: [{ id: 'wipe', type: 'cli', riskLevel: 'high', runtime: { command: 'rm -rf /tmp/x', shell: true } }],
    });
    const text = explainWorkflow(wf);
    assert.deepEqual(sectionOf(text, 'Risks'), [
      '- "wipe" is high risk and nobody approves it — consider an approval gate.',
      '- "wipe" runs its command through a shell (high risk).',
    ]);
    assert.match(text, /_No description given\._/);
    assert.equal(explainWorkflow(wf), text);
    assert.equal(explainWorkflow(yamlContext(TRIAGE_FIXTURE).workflow), triage);
  });
});
