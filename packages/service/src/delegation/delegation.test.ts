import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadWorkflow } from '@sopflow/format';
import { delegationDraft, delegationReadiness, isServiceError, parseRecordSource, proposeDelegationChange } from '../index.js';
import type { Actor } from '../index.js';

const PROCESS = `osop_version: "1.1"
id: claims
name: Claims
version: 1.2.0
nodes:
  - { id: classify, type: agent, delegation_state: trialing, role: clerk }
  - { id: check, type: human, role: clerk }
  - { id: pay, type: api, runtime: { action: noop } }
edges:
  - { from: classify, to: check }
  - { from: check, to: pay }
`;
const HOUR = 3_600_000;

/** A folder with the process and `runs` shadow trials of classify over 20 days, the first `disagree` of them disagreeing. */
function setup(runs: number, disagree = 0): { dir: string; process: string; records: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-delegation-service-'));
  const records = join(dir, 'runs');
  mkdirSync(records);
  const process = join(dir, 'claims.osop');
  writeFileSync(process, PROCESS);
  for (let i = 0; i < runs; i++) {
    const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + (i * 20 * 24 * HOUR) / Math.max(1, runs - 1) + h * 60_000).toISOString();
    const person = { kind: 'invoice' };
    const agent = { kind: i < disagree ? 'receipt' : 'invoice' };
    writeFileSync(join(records, `r${i}.osoplog`), JSON.stringify({
      osoplog_version: '1.0', run_id: `r${i}`, workflow_id: 'claims', status: 'COMPLETED', started_at: at(0), ended_at: at(10),
      node_records: [
        { node_id: 'classify', status: 'COMPLETED', started_at: at(0), ended_at: at(5), performed_by: 'kim', outputs: person, shadow: { outputs: agent, agreement: i < disagree ? 0 : 1 } },
        { node_id: 'check', status: 'COMPLETED', started_at: at(5), ended_at: at(9), performed_by: 'kim' },
        { node_id: 'pay', status: 'COMPLETED', started_at: at(9), ended_at: at(10) },
      ],
    }));
  }
  return { dir, process, records };
}

const admin: Actor = { name: 'ada', roles: ['owner'], admin: true };
const clerk: Actor = { name: 'kim', roles: ['clerk'], admin: false };
const refusal = async (work: Promise<unknown>): Promise<{ code: string; message: string }> => {
  try {
    await work;
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('delegationReadiness', () => {
  it('shows each step’s evidence and ranks only the delegatable steps', async () => {
    const { process, records } = setup(40);
    const workflow = loadWorkflow(readFileSync(process, 'utf8')).workflow!;
    const r = await delegationReadiness({}, { workflow, sources: [parseRecordSource(records)] });
    assert.equal(r.runs, 40);
    assert.equal(r.history.enough, true);
    const classify = r.steps.find((s) => s.nodeId === 'classify')!;
    assert.deepEqual([classify.ladder!.trials.trials, classify.suggestedState], [40, 'agent_supervised']);
    assert.equal(r.steps.find((s) => s.nodeId === 'pay')!.scope, 'automated');
    assert.deepEqual(r.portfolio.items.map((i) => i.nodeId), ['classify', 'check']);
  });

  it('refuses a threshold outside (0, 1] as invalid_request', async () => {
    const { process, records } = setup(2);
    const workflow = loadWorkflow(readFileSync(process, 'utf8')).workflow!;
    const e = await refusal(delegationReadiness({}, { workflow, sources: [parseRecordSource(records)], policy: { threshold: 1.5 } }));
    assert.equal(e.code, 'invalid_request');
  });

  it('refuses trials stated without a nodeId as invalid_input naming the trial', async () => {
    const { process, records } = setup(2);
    const workflow = loadWorkflow(readFileSync(process, 'utf8')).workflow!;
    const e = await refusal(delegationReadiness({}, { workflow, sources: [parseRecordSource(records)], trials: { name: 't.json', text: '[{"nodeId": 1}]' } }));
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, /trial 1 needs "nodeId"/);
  });
});

describe('proposeDelegationChange', () => {
  it("bumps the draft's version by the format's one rule, also for short, v-prefixed, pre-release and missing versions", () => {
    const base = loadWorkflow(PROCESS).workflow!;
    const next = (version: string | undefined) => delegationDraft({ ...base, version }, 'classify', 'agent_supervised').version;
    assert.deepEqual(['1.4', 'v2.0.0', '1.3.0-rc.1', undefined].map(next), ['1.5.0', '2.1.0', '1.3.0', '0.1.0']);
  });
  it('promotes on evidence: a new draft version with the new state, and the decision with its evidence', async () => {
    const { dir, process, records } = setup(40);
    const d = await proposeDelegationChange({ actor: clerk }, { processPath: process, nodeId: 'classify', direction: 'promote', reason: '40 agreeing trials', sources: [parseRecordSource(records)], at: '2026-02-01T00:00:00Z' });
    assert.deepEqual([d.from, d.to, d.fromVersion, d.toVersion, d.by, d.byVerified, d.override], ['trialing', 'agent_supervised', '1.2.0', '1.3.0', 'kim', true, false]);
    assert.equal(d.draft, join(dir, 'claims.v1.3.0.osop'));
    const draft = loadWorkflow(readFileSync(d.draft, 'utf8')).workflow!;
    assert.deepEqual([draft.version, draft.lifecycle, draft.nodes[0].delegationState], ['1.3.0', 'draft', 'agent_supervised']);
    assert.equal(readFileSync(process, 'utf8'), PROCESS, 'the source is never overwritten');
    const logged = readFileSync(join(dir, 'claims.delegation-decisions.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { to: string; evidence: { ladder: { trials: { trials: number } } } });
    assert.deepEqual([logged.length, logged[0].to, logged[0].evidence.ladder.trials.trials], [1, 'agent_supervised', 40]);
  });

  it('refuses a promotion without the evidence, saying what is missing, and writes nothing', async () => {
    const { dir, process, records } = setup(12);
    const e = await refusal(proposeDelegationChange({ actor: clerk }, { processPath: process, nodeId: 'classify', direction: 'promote', reason: 'looks fine', sources: [parseRecordSource(records)] }));
    assert.equal(e.code, 'not_enough_evidence');
    assert.match(e.message, /23 more agreeing trials needed \(12 trials \(30 needed\)/);
    assert.equal(existsSync(join(dir, 'claims.v1.3.0.osop')), false);
    assert.equal(existsSync(join(dir, 'claims.delegation-decisions.jsonl')), false);
  });

  it('lets only an admin override the evidence, and records the override', async () => {
    const { process, records } = setup(12);
    const input = { processPath: process, nodeId: 'classify', direction: 'promote' as const, reason: 'pilot', override: true, sources: [parseRecordSource(records)] };
    assert.equal((await refusal(proposeDelegationChange({ actor: clerk }, input))).code, 'not_authorised');
    assert.equal((await refusal(proposeDelegationChange({}, input))).code, 'unauthenticated');
    const d = await proposeDelegationChange({ actor: admin }, input);
    assert.deepEqual([d.override, d.by, d.to], [true, 'ada', 'agent_supervised']);
  });

  it('never overwrites an existing draft', async () => {
    const { process, records } = setup(40);
    const input = { processPath: process, nodeId: 'classify', direction: 'promote' as const, reason: 'evidence', sources: [parseRecordSource(records)] };
    await proposeDelegationChange({ actor: clerk }, input);
    const e = await refusal(proposeDelegationChange({ actor: clerk }, input));
    assert.equal(e.code, 'conflict');
    assert.match(e.message, /claims\.v1\.3\.0\.osop already exists; it is never overwritten/);
  });

  it('makes a human step an agent step when it starts trialing, and refuses an automated step', async () => {
    const { process, records } = setup(2);
    const d = await proposeDelegationChange({ actor: clerk }, { processPath: process, nodeId: 'check', direction: 'promote', reason: 'try an agent', sources: [parseRecordSource(records)] });
    const node = loadWorkflow(readFileSync(d.draft, 'utf8')).workflow!.nodes.find((n) => n.id === 'check')!;
    assert.deepEqual([node.type, node.delegationState], ['agent', 'trialing']);
    assert.match(d.notes[0], /becomes an agent step/);
    const e = await refusal(proposeDelegationChange({ actor: clerk }, { processPath: process, nodeId: 'pay', direction: 'promote', reason: 'x', sources: [parseRecordSource(records)] }));
    assert.match(e.message, /"pay" is not delegated: automated/);
  });

  it('refuses a demotion the evidence does not call for, unless an admin overrides', async () => {
    const { process, records } = setup(40);
    const input = { processPath: process, nodeId: 'classify', direction: 'demote' as const, reason: 'nervous', sources: [parseRecordSource(records)] };
    const e = await refusal(proposeDelegationChange({ actor: clerk }, input));
    assert.match(e.message, /does not call for demoting "classify" to human_only/);
    const d = await proposeDelegationChange({ actor: admin }, { ...input, override: true });
    assert.deepEqual([d.from, d.to, d.override], ['trialing', 'human_only', true]);
  });
});

describe('evidence from the engine’s own records', () => {
  it('counts a reviewer’s correction (StepCompleted.correctedFrom, carried into the .osoplog) as a disagreement', async () => {
    const { foldRun, toExecutionLog } = await import('@sopflow/engine');
    const { runRecordFromLog, assessReadiness } = await import('@sopflow/analysis');
    const workflow = loadWorkflow(`osop_version: "1.1"\nid: w\nname: W\nnodes:\n  - { id: draft, type: agent, delegation_state: agent_supervised }\nedges: []\n`).workflow!;
    const at = '2026-01-01T00:00:00Z';
    const events = [
      { type: 'RunStarted', at, runId: 'r1', workflowId: 'w', contentHash: 'h', inputs: {}, seed: 1, depth: 0 },
      { type: 'StepScheduled', at, nodeId: 'draft', activation: 1, input: {} },
      { type: 'StepStarted', at, nodeId: 'draft', activation: 1, attempt: 1 },
      { type: 'StepCompleted', at, nodeId: 'draft', activation: 1, attempt: 1, output: { text: 'Dear Ms Roe' }, by: 'ed', correctedFrom: { text: 'Dear customer' }, next: [] },
    ] as Parameters<typeof foldRun>[0];
    const log = toExecutionLog(foldRun(events), events, workflow);
    assert.deepEqual(log.node_records[0].corrected_from, { text: 'Dear customer' });
    const record = runRecordFromLog(log).record!;
    const step = assessReadiness(workflow, [record]).find((s) => s.nodeId === 'draft')!;
    assert.deepEqual(step.observations.map((o) => [o.kind, o.ok]), [['supervised', false]]);
  });
});
