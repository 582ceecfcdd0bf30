import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const PROCESS = `${REFUND}/refund-v1.osop`;

interface DelegationJson {
  readiness: { nodeId: string; score: number; suggestedState: string; caps: string[]; factors: { factor: string; reason: string }[] }[];
  portfolio: { items: { nodeId: string; rank: number; monthlyValue: number; assumptions: Record<string, { value: number; source: string }> }[] };
}

describe('sopflow delegation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-delegation-'));

  it('scores readiness with reasons and ranks the portfolio with every assumption', () => {
    const r = runSopflow(['delegation', PROCESS, `${REFUND}/runs`, '--cost-per-hour', '60', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as DelegationJson;
    const approve = d.readiness.find((x) => x.nodeId === 'approve');
    assert.ok(approve && approve.score <= 40);
    assert.equal(approve?.suggestedState, 'human_only');
    assert.ok(approve?.caps.some((c) => /approval/.test(c)));
    for (const step of d.readiness) assert.ok(step.factors.every((f) => f.reason.length > 0), step.nodeId);
    assert.deepEqual(d.portfolio.items.map((i) => i.rank), d.portfolio.items.map((_, i) => i + 1));
    const top = d.portfolio.items[0];
    assert.deepEqual([top.assumptions.costPerHour.value, top.assumptions.costPerHour.source], [60, 'given']);
    assert.equal(top.assumptions.timeSavedShare.source, 'default');
  });

  it('prints reasons and assumptions as text, and counts trials from a file', () => {
    const trials = join(dir, 'trials.json');
    writeFileSync(trials, JSON.stringify(Array.from({ length: 20 }, () => ({ nodeId: 'notify', agreed: true }))));
    const r = runSopflow(['delegation', PROCESS, `${REFUND}/runs`, '--trials', trials]);
    assert.equal(r.status, 0, r.stderr);
    // approve's two decisions were recorded without their inputs: not measurable, so the score stays under the cap.
    assert.match(r.stdout, /approve: 33\/100 → human_only/);
    assert.match(r.stdout, /decision-consistency 0\.50 ×0\.5  not measurable \(inputs not recorded\)/);
    assert.match(r.stdout, /cap: approval step/);
    assert.match(r.stdout, /trial-agreement .*20/);
    assert.match(r.stdout, /costPerHour = 50 USD\/hour \(default: /);
  });

  it('rejects a negative cost per hour and a missing process with exit 2, a malformed trials file with exit 1', () => {
    assert.equal(runSopflow(['delegation', PROCESS, `${REFUND}/runs`, '--cost-per-hour', '-5']).status, 2);
    assert.equal(runSopflow(['delegation', join(dir, 'none.osop'), `${REFUND}/runs`]).status, 2);
    const trials = join(dir, 'bad-trials.json');
    writeFileSync(trials, '[{"nodeId": "pay", "agreed": "yes"}]');
    const r = runSopflow(['delegation', PROCESS, `${REFUND}/runs`, '--trials', trials]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /trial 1 needs "nodeId" \(text\) and "agreed"/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
