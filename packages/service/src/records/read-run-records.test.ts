import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWorkflowSource } from '@sopflow/engine';
import { openWorkspace, parseRecordSource, readRunRecords, ServiceError, startRun, type RecordFileReport } from '../index.js';
import { TWO_STEPS_WORKFLOW } from '../../../engine/test-support/two-steps-workflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const TRANSCRIPTS = 'packages/analysis/test-fixtures/transcripts';

function refusal(code: string, message: RegExp) {
  return (error: unknown): boolean => error instanceof ServiceError && error.code === code && message.test(error.message);
}

describe('readRunRecords', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-service-records-'));

  it('reads a directory of .osoplog files, and an uploaded .osoplog given as text, with no store open', async () => {
    const { records } = await readRunRecords({}, [parseRecordSource(`${REFUND}/runs`)]);
    assert.equal(records.length, 14);
    const text = readFileSync(`${REFUND}/runs/rr-001.osoplog`, 'utf8');
    const uploaded = await readRunRecords({}, [{ kind: 'text', name: 'upload.osoplog', text }]);
    assert.deepEqual(uploaded.records.map((r) => r.runId), [records[0].runId]);
  });

  it('reads transcripts only when asked, and counts them', async () => {
    const set = await readRunRecords({}, [{ kind: 'path', path: `${TRANSCRIPTS}/fix-test-01.jsonl` }], { transcripts: true });
    assert.deepEqual([set.records.length, set.fromTranscripts], [1, 1]);
    await assert.rejects(readRunRecords({}, [{ kind: 'path', path: TRANSCRIPTS }]), refusal('invalid_request', /no \.osoplog files in directory/));
  });

  it('refuses a missing path with invalid_request, and reports an unreadable file (file:line) before refusing with invalid_data', async () => {
    await assert.rejects(readRunRecords({}, [{ kind: 'path', path: join(dir, 'nope.osoplog') }]), refusal('invalid_request', /no such file or directory/));
    const broken = join(dir, 'broken.osoplog');
    writeFileSync(broken, 'run_id: [unclosed\n');
    const told: RecordFileReport[] = [];
    await assert.rejects(
      readRunRecords({ onReport: (r) => told.push(r) }, [{ kind: 'path', path: broken }, { kind: 'path', path: `${REFUND}/runs/rr-001.osoplog` }]),
      (error: unknown) => {
        assert.ok(error instanceof ServiceError && error.code === 'invalid_data');
        assert.equal(error.message, '1 of 2 record files could not be read');
        assert.equal((error.details as { reports: RecordFileReport[] }).reports[0].file, broken);
        return true;
      },
    );
    assert.equal(told.length, 1);
    assert.ok(told[0].diagnostics.some((d) => d.severity === 'error' && d.line > 0));
  });

  it('reads runs: from the store given in the context, and refuses runs: when no store is open', async () => {
    await assert.rejects(readRunRecords({}, [parseRecordSource('runs:')]), refusal('invalid_request', /runs: reads runs from a store/));
    const ws = await openWorkspace({ db: join(dir, 'state.db'), env: { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') } });
    try {
      await startRun(ws, { source: parseWorkflowSource(TWO_STEPS_WORKFLOW, 'two-steps.osop') });
      const { records } = await readRunRecords(ws, [parseRecordSource('runs:two-steps')]);
      assert.deepEqual(records.map((r) => [r.workflowId, r.steps.length]), [['two-steps', 2]]);
      await assert.rejects(readRunRecords(ws, [parseRecordSource('runs:nobody')]), refusal('empty', /no finished runs of nobody/));
    } finally {
      await ws.close();
    }
  });

  it('reads a CSV event log from uploaded text, one record per case', async () => {
    const text = readFileSync('packages/analysis/test-fixtures/claims.csv', 'utf8');
    const { records } = await readRunRecords({}, [{ kind: 'text', name: 'claims.csv', text }], { eventLog: { case: 'Case', activity: 'Step', timestamp: 'When', resource: 'Who' } });
    assert.ok(records.length >= 1);
    assert.equal(records[0].steps[0].nodeId, 'receive claim');
  });
});
