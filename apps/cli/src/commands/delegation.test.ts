import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const PROCESS = `${REFUND}/refund-v1.osop`;
const CLAIMS = `osop_version: "1.1"
id: claims
name: Claims
version: 2.0.0
nodes:
  - { id: classify, type: agent, delegation_state: trialing, role: clerk }
  - { id: pay, type: api, runtime: { action: noop } }
edges:
  - { from: classify, to: pay }
`;

/** A folder with the claims process and `runs` shadow trials of classify over 20 days, all agreeing. */
function claimsFolder(runs: number): { dir: string; process: string; records: string; run: { cwd: string; env: Record<string, string> } } {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-delegation-cli-'));
  const records = join(dir, 'runs');
  mkdirSync(records);
  writeFileSync(join(dir, 'claims.osop'), CLAIMS);
  for (let i = 0; i < runs; i++) {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1) + i * 12 * 3_600_000 + m * 60_000).toISOString();
    writeFileSync(join(records, `r${i}.osoplog`), JSON.stringify({
      osoplog_version: '1.0', run_id: `r${i}`, workflow_id: 'claims', status: 'COMPLETED', started_at: at(0), ended_at: at(6),
      node_records: [
        { node_id: 'classify', status: 'COMPLETED', started_at: at(0), ended_at: at(5), performed_by: 'kim', outputs: { kind: 'invoice', amount: 120 }, shadow: { outputs: { kind: 'invoice', amount: 120.4 }, agreement: 0.5 } },
        { node_id: 'pay', status: 'COMPLETED', started_at: at(5), ended_at: at(6) },
      ],
    }));
  }
  return { dir, process: join(dir, 'claims.osop'), records, run: { cwd: dir, env: { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), SOPFLOW_DB: '' } } };
}

interface ReadinessJson {
  history: { enough: boolean; note: string };
  steps: { nodeId: string; scope: string; state?: string; suggestedState?: string; caps: { cap: string }[]; summary: string[] }[];
  portfolio: { items: { nodeId: string; monthlyValue?: number }[]; excluded: { nodeId: string; reason: string }[] };
}

describe('sopflow delegation', () => {
  it('shows machine steps as automated and never ranks them; no readiness without trials; "not enough history" over 4 days', () => {
    const r = runSopflow(['delegation', PROCESS, `${REFUND}/runs`, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as ReadinessJson;
    const of = (id: string) => d.steps.find((s) => s.nodeId === id)!;
    assert.deepEqual([of('pay').scope, of('notify').scope, of('triage').scope], ['automated', 'automated', 'not_applicable']);
    assert.deepEqual(of('approve').caps.map((c) => c.cap), ['risk', 'approval_gate']);
    assert.deepEqual([of('intake').state, of('intake').suggestedState], ['human_only', 'trialing']);
    assert.deepEqual(d.portfolio.items.map((i) => i.nodeId), ['intake', 'verify-identity']);
    assert.ok(d.portfolio.items.every((i) => i.monthlyValue === undefined));
    assert.match(d.history.note, /^not enough history: 14 runs over 4\.1 days/);
    assert.deepEqual(d.portfolio.excluded.map((e) => e.nodeId).sort(), ['approve', 'fraud-check', 'notify', 'pay', 'triage']);
  });

  it('prints the evidence with its interval and what is missing', () => {
    const few = claimsFolder(12);
    const r = runSopflow(['delegation', few.process, few.records], few.run);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /classify: trialing \(12 executions\)\n  trials: 12, agreed 12 \(100\.0 %\), 95 % interval 0\.758–1\.000, threshold 0\.90\n  next: agent_supervised: 23 more agreeing trials needed/);
    assert.match(r.stdout, /pay: automated/);
    assert.match(r.stdout, /not ranked: pay: automated/);
  });

  it('promotes on evidence: writes a new draft version and records the decision; the source is untouched', () => {
    const c = claimsFolder(40);
    const r = runSopflow(['delegation', 'promote', c.process, 'classify', '--reason', '40 agreeing trials', '--records', c.records], c.run);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^proposed: classify trialing → agent_supervised\n/);
    assert.match(r.stdout, /claims\.v2\.1\.0\.osop \(version 2\.1\.0, from 2\.0\.0\)/);
    assert.match(readFileSync(join(c.dir, 'claims.v2.1.0.osop'), 'utf8'), /delegation_state: agent_supervised/);
    assert.equal(readFileSync(c.process, 'utf8'), CLAIMS);
    const decision = JSON.parse(readFileSync(join(c.dir, 'claims.delegation-decisions.jsonl'), 'utf8')) as { to: string; override: boolean; evidence: { summary: string[] } };
    assert.deepEqual([decision.to, decision.override], ['agent_supervised', false]);
    assert.match(decision.evidence.summary[0], /^trials: 40, agreed 40/);
  });

  it('refuses a promotion without evidence (exit 1, what is missing), writing nothing', () => {
    const c = claimsFolder(12);
    const r = runSopflow(['delegation', 'promote', c.process, 'classify', '--reason', 'hope', '--records', c.records], c.run);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /the evidence does not allow promoting "classify" from trialing to agent_supervised: 23 more agreeing trials needed .*\(not_enough_evidence\)/);
    assert.ok(!hasStackTrace(r.stderr));
    assert.equal(existsSync(join(c.dir, 'claims.v2.1.0.osop')), false);
  });

  it('lets only an admin of the store\'s directory --override, recorded as an override', () => {
    const c = claimsFolder(12);
    const db = join(c.dir, 'sopflow.db');
    const me = userInfo().username;
    const args = ['delegation', 'promote', c.process, 'classify', '--reason', 'pilot', '--override', '--records', c.records];
    assert.match(runSopflow(args, c.run).stderr, /--override needs an admin of this store's directory.*\(unauthenticated\)/);
    assert.equal(runSopflow(['users', 'add', 'ada', '--role', 'clerk', '--os-user', me, '--db', db], c.run).status, 0);
    assert.equal(runSopflow(['users', 'add', 'boss', '--role', 'owner', '--admin', '--db', db], c.run).status, 0);
    const r = runSopflow([...args, '--db', db], c.run);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /proposed: classify trialing → agent_supervised \(ADMIN OVERRIDE of the evidence\)\nby: ada|by: ada/);
    assert.equal(runSopflow(['users', 'set', 'ada', '--no-admin', '--db', db], c.run).status, 0);
    const refused = runSopflow(['delegation', 'promote', join(c.dir, 'claims.v2.1.0.osop'), 'classify', '--reason', 'again', '--override', '--db', db], c.run);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /only an admin may --override the evidence; ada is not an admin \(not_authorised\)/);
  });

  it('rejects a bad threshold with exit 2, an unknown step and a malformed trials file with exit 1', () => {
    const c = claimsFolder(2);
    assert.equal(runSopflow(['delegation', c.process, c.records, '--threshold', 'high'], c.run).status, 2);
    assert.equal(runSopflow(['delegation', c.process, c.records, '--threshold', '1.5'], c.run).status, 2);
    const unknown = runSopflow(['delegation', 'demote', c.process, 'nope', '--reason', 'x'], c.run);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /has no step "nope"; its steps: classify, pay/);
    const trials = join(c.dir, 'bad-trials.json');
    writeFileSync(trials, '[{"nodeId": "classify", "agreed": "yes"}]');
    const bad = runSopflow(['delegation', c.process, c.records, '--trials', trials], c.run);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /trial 1 needs "nodeId" \(text\) and "agreed"/);
  });
});
