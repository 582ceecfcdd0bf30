import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadExecutionLog, parseExecutionLog } from '@sopflow/format';
import { createRunRecord, createStepRecord, eventsToRecords, isGoodOutcome, readOsoplog, recordsToEvents, recordToOsoplog, runRecordFromLog, serialiseOsoplog, trialsFromRecords } from '../index.js';

const QUIRKY = `osoplog_version: "1.0"
run_id: run-7
workflow_id: refund-approval
workflow_version: "1.2.0"
status: running
outcome: success
started_at: "2026-03-01T09:00:00Z"
ended_at: "2026-03-01T09:10:00Z"
duration_ms: 600000
trigger: { type: manual, actor: alice@example.com }
node_records:
  - node_id: intake
    node_type: event
    status: COMPLETED
    started_at: "2026-03-01T09:00:00Z"
    ended_at: "2026-03-01T09:01:00Z"
  - node_id: charge
    node_type: api
    attempt: 2
    status: failed
    error: { code: CARD_DECLINED, message: card was declined }
    ai_metadata: { model: m1, prompt_tokens: 10, completion_tokens: 5 }
  - node_id: notify
    status: CANCELLED
    error: timed out waiting for SMTP
  - status: COMPLETED
cost: { total_usd: 0.5, breakdown: [{ node_id: charge, cost_usd: 0.25 }] }
`;

describe('readOsoplog', () => {
  it('tolerates the published quirks: error object or string, node_type event, RUNNING and CANCELLED, lower case', () => {
    const { record, diagnostics } = readOsoplog(QUIRKY, 'run-7.osoplog');
    assert.ok(record);
    assert.equal(record.status, 'RUNNING');
    assert.equal(record.workflowVersion, '1.2.0');
    assert.equal(record.actor, 'alice@example.com');
    assert.deepEqual(record.steps.map((s) => [s.nodeId, s.type, s.status, s.attempt]), [
      ['intake', 'event', 'COMPLETED', 1], ['charge', 'api', 'FAILED', 2], ['notify', undefined, 'CANCELLED', 1]]);
    assert.deepEqual(record.steps[1].error, { code: 'CARD_DECLINED', message: 'card was declined' });
    assert.deepEqual(record.steps[2].error, { message: 'timed out waiting for SMTP' });
    assert.equal(record.steps[1].costUsd, 0.25);
    assert.equal(record.steps[1].inputTokens, 10);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['log-bad-node-record', 26]]);
  });

  it('reads the engine’s human_decisions (last verdict and who gave it) and performed_by', () => {
    const text = JSON.stringify({ osoplog_version: '1.0', run_id: 'r', workflow_id: 'w', status: 'COMPLETED', started_at: '2026-01-01T00:00:00Z', ended_at: '2026-01-01T00:01:00Z', duration_ms: 60000,
      node_records: [{ node_id: 'approve', status: 'COMPLETED', performed_by: 'sam', human_decisions: [{ task_id: 't1', by: 'kim', decision: 'denied', at: '2026-01-01T00:00:30Z' }, { task_id: 't2', by: 'lee', decision: 'approved', at: '2026-01-01T00:00:50Z' }], shadow: { agreement: 0.95 } }] });
    const step = readOsoplog(text).record?.steps[0];
    assert.deepEqual([step?.decision, step?.approver, step?.resource], ['approved', 'lee', 'sam']);
    assert.deepEqual(trialsFromRecords([readOsoplog(text).record!]), [{ nodeId: 'approve', agreed: true }]);
    assert.deepEqual(trialsFromRecords([readOsoplog(text).record!], 0.99), [{ nodeId: 'approve', agreed: false }]);
  });

  it('reports a YAML syntax error with its line and returns no record', () => {
    const { record, diagnostics } = readOsoplog('run_id: a\nstatus: [COMPLETED\n', 'bad.osoplog');
    assert.equal(record, undefined);
    assert.equal(diagnostics[0].code, 'yaml-syntax');
    assert.ok(diagnostics[0].line >= 2);
  });

  it('reads through format’s one .osoplog reader: a broken log gives exactly its file:line:col diagnostics', () => {
    const broken = [
      ['runs/bad.osoplog', 'run_id: a\nworkflow_id: w\nstatus: [COMPLETED\nnode_records: []\n'],
      ['runs/bad.osoplog.json', '{"run_id": "a",\n "status" "FAILED"}\n'],
      ['runs/dup.osoplog', 'run_id: a\nworkflow_id: w\nstatus: FAILED\nstatus: COMPLETED\n'],
      ['runs/list.osoplog', '- run_id: a\n'],
      ['refund.osop', 'osop_version: "1.0"\nid: refund\n'],
    ] as const;
    const where = (ds: readonly { file?: string; line: number; column: number; code: string }[]) => ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    const got = broken.map(([file, text]) => where(readOsoplog(text, file).diagnostics));
    assert.deepEqual(got, broken.map(([file, text]) => where(parseExecutionLog(text, file).diagnostics)));
    assert.deepEqual(got, [
      ['runs/bad.osoplog:4:1 yaml-syntax'], ['runs/bad.osoplog.json:2:11 yaml-syntax'], ['runs/dup.osoplog:4:1 duplicate-key'],
      ['runs/list.osoplog:1:1 not-a-mapping'], ['refund.osop:1:1 wrong-document-kind'],
    ]);
    for (const [file, text] of broken) assert.equal(readOsoplog(text, file).record, undefined, file);
  });

  it('reads a log the engine built as an object the same as its text', () => {
    const log = { osoplog_version: '1.0', run_id: 'r-1', workflow_id: 'w', status: 'COMPLETED', node_records: [{ node_id: 'a', status: 'COMPLETED', duration_ms: 5 }] };
    const fromObject = runRecordFromLog(log, { file: 'store#r-1' });
    assert.deepEqual(fromObject, readOsoplog(JSON.stringify(log), 'store#r-1'));
    assert.equal(fromObject.record?.steps[0]?.durationMs, 5);
  });

  it('names every missing required field', () => {
    const { record, diagnostics } = readOsoplog('{"run_id": "x"}');
    assert.equal(record, undefined);
    assert.deepEqual(diagnostics.map((d) => d.message.match(/"(\w+)"/)?.[1]), ['workflow_id', 'status']);
  });

  it('warns on an unknown status and reads it as FAILED', () => {
    const { record, diagnostics } = readOsoplog('run_id: a\nworkflow_id: w\nstatus: EXPLODED\n');
    assert.equal(record?.status, 'FAILED');
    assert.equal(diagnostics[0].severity, 'warning');
    assert.equal(diagnostics[0].line, 3);
  });

  it('round-trips through the writer, keeping schema-valid statuses and types', () => {
    const { record } = readOsoplog(QUIRKY);
    assert.ok(record);
    const log = recordToOsoplog(record);
    assert.equal(log.status, 'BLOCKED');
    assert.equal(log.recorded_status, 'RUNNING');
    const nodes = log.node_records as Record<string, unknown>[];
    assert.equal(nodes[0].node_type, undefined);
    assert.equal(nodes[0].recorded_type, 'event');
    assert.equal(nodes[1].error, 'card was declined');
    const back = readOsoplog(serialiseOsoplog(record, 'json')).record;
    assert.equal(back?.steps[1].error?.message, 'card was declined');
    assert.equal(back?.outcome, 'success');
  });
});

describe('serialiseOsoplog', () => {
  it('writes YAML that the format layer loads with no error (timestamps quoted for YAML 1.1 loaders)', () => {
    const { record } = readOsoplog(QUIRKY);
    const text = serialiseOsoplog(record!);
    assert.match(text, /started_at: "2026-03-01T09:00:00Z"/);
    assert.deepEqual(loadExecutionLog(text, 'x.osoplog').diagnostics.filter((d) => d.severity === 'error'), []);
  });
});

describe('records and flat events', () => {
  it('turns runs into events (case = run, resource = role) and back', () => {
    const run = createRunRecord({ runId: 'r1', steps: [
      createStepRecord({ nodeId: 'b', role: 'clerk', startedAt: '2026-01-01T10:05:00Z', endedAt: '2026-01-01T10:06:00Z' }),
      createStepRecord({ nodeId: 'a', role: 'nurse', startedAt: '2026-01-01T10:00:00Z', endedAt: '2026-01-01T10:01:00Z' }),
      createStepRecord({ nodeId: 'c', status: 'SKIPPED' }),
    ] });
    const events = recordsToEvents([run]);
    assert.deepEqual(events.map((e) => [e.caseId, e.activity, e.resource]), [['r1', 'a', 'nurse'], ['r1', 'b', 'clerk']]);
    const back = eventsToRecords(events);
    assert.deepEqual(back[0].steps.map((s) => [s.nodeId, s.role]), [['a', 'nurse'], ['b', 'clerk']]);
    assert.equal(back[0].startedAt, '2026-01-01T10:00:00.000Z');
  });

  it('judges outcome words before status', () => {
    assert.equal(isGoodOutcome(createRunRecord({ runId: 'x', status: 'FAILED', outcome: 'Resolved' })), true);
    assert.equal(isGoodOutcome(createRunRecord({ runId: 'x', outcome: 'adverse' })), false);
    assert.equal(isGoodOutcome(createRunRecord({ runId: 'x', status: 'TIMEOUT' })), false);
  });
});
