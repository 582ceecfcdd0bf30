import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateSource } from '../check/validate-source.js';
import { stringifyExecutionLog } from './stringify-execution-log.js';

const log = {
  osoplog_version: '1.0', run_id: 'r1', workflow_id: 'w', status: 'COMPLETED',
  started_at: '2026-11-23T10:00:00.000Z', ended_at: '2026-11-23T10:00:05.000Z', duration_ms: 5000,
  node_records: [{ node_id: 'a', status: 'COMPLETED', started_at: '2026-11-23T10:00:00.000Z', outputs: { start_date: '2026-12-01', note: 'plain' } }],
};

describe('stringifyExecutionLog', () => {
  it('quotes timestamps and dates so OSOP\'s strict log schema accepts the text', () => {
    const text = stringifyExecutionLog(log);
    assert.match(text, /started_at: "2026-11-23T10:00:00.000Z"/);
    assert.match(text, /start_date: "2026-12-01"/);
    assert.match(text, /note: plain/);
    assert.equal(validateSource(text, 'run.osoplog', { compat: 'full' }).valid, true);
  });

  it('writes JSON when asked', () => {
    assert.deepEqual(JSON.parse(stringifyExecutionLog(log, 'json')), log);
  });
});
