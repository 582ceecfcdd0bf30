import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';

describe('sopflow stats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-stats-'));

  it('prints runs, success rate and per-step figures as JSON', () => {
    const r = runSopflow(['stats', `${REFUND}/runs`, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { runs: number; succeeded: number; steps: { activity: string; executions: number; failures: number }[]; handoffs: unknown[] };
    assert.deepEqual([s.runs, s.succeeded], [14, 11]);
    const pay = s.steps.find((x) => x.activity === 'pay');
    assert.deepEqual([pay?.executions, pay?.failures], [15, 1]);
    assert.ok(s.handoffs.length > 0);
  });

  it('names the process and its steps that never ran when the process comes first', () => {
    const r = runSopflow(['stats', `${REFUND}/refund-v2.osop`, `${REFUND}/runs`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^process: refund-request@2\.0\.0/);
    assert.match(r.stdout, /runs: 14, success rate: 78\.6% \(11\/14\)/);
    assert.match(r.stdout, /Steps of the process that never ran: fraud-signals/);
  });

  it('rejects a process with no runs in the store, a process after records and a wrong format with exit 2', () => {
    const noDb = runSopflow(['stats', `${REFUND}/refund-v1.osop`, '--db', join(dir, 'none.db')]);
    assert.equal(noDb.status, 2);
    assert.match(noDb.stderr, /no database at .*none\.db/);
    assert.equal(runSopflow(['stats', `${REFUND}/runs`, `${REFUND}/refund-v1.osop`]).status, 2);
    const wrong = runSopflow(['stats', `${REFUND}/runs`, '--format', 'xml']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--format must be text, markdown or json/);
    assert.equal(runSopflow(['stats', join(dir, 'missing')]).status, 2);
  });

  it('exits 1 on a record that is not an .osoplog, naming the file', () => {
    const bad = join(dir, 'list.osoplog');
    writeFileSync(bad, '- just\n- a list\n');
    const r = runSopflow(['stats', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /list\.osoplog:1:1 error/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
