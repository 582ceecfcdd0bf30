import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadWorkflow, type Workflow } from '@sopflow/format';
import {
  conformRuns, debriefRuns, diffRunSets, diffWorkflows, exportEventLog, importTranscript, mineEventLog, parseRecordSource, runStats,
  ServiceError, synthesizeProcess, type RecordSource,
} from '../index.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const RUNS: RecordSource[] = [parseRecordSource(`${REFUND}/runs`)];
const CLAIMS = { case: 'Case', activity: 'Step', timestamp: 'When', resource: 'Who' };

function process(version: 1 | 2): { workflow: Workflow; text: string } {
  const text = readFileSync(`${REFUND}/refund-v${version}.osop`, 'utf8');
  const { workflow } = loadWorkflow(text, `refund-v${version}.osop`);
  assert.ok(workflow);
  return { workflow, text };
}

function refusal(code: string, message: RegExp) {
  return (error: unknown): boolean => error instanceof ServiceError && error.code === code && message.test(error.message);
}

describe('analysis use cases (files in, plain data out)', () => {
  it('conformRuns gives totals and per-run figures, and refuses another process\'s store runs before reading anything', async () => {
    const { workflow } = process(1);
    const { total, runs } = await conformRuns({}, { workflow, sources: RUNS });
    assert.deepEqual([total.workflow, total.runs, runs.length], ['refund-request', 14, 14]);
    assert.ok(total.tokenReplay > 0 && total.tokenReplay <= 1);
    await assert.rejects(conformRuns({}, { workflow, sources: [parseRecordSource('runs:other')] }), refusal('invalid_request', /selects the runs of other, but the process is refund-request/));
    await assert.rejects(conformRuns({}, { workflow, sources: RUNS, budgetMs: 0 }), refusal('invalid_request', /--budget-ms/));
  });

  it('debriefRuns approves a candidate into a new draft version and anonymises the runs; unknown candidates are not_found', async () => {
    const { workflow } = process(1);
    const result = await debriefRuns({}, { workflow, sources: RUNS, approve: 'uc-1', anonymise: true });
    assert.equal(result.approved?.id, 'uc-1');
    assert.match(result.approved?.text ?? '', /version: 1\.1\.0/);
    assert.equal(result.anonymised?.length, 14);
    await assert.rejects(debriefRuns({}, { workflow, sources: RUNS, approve: 'uc-9' }), refusal('not_found', /no update candidate "uc-9"/));
    await assert.rejects(debriefRuns({}, { workflow, sources: RUNS, since: 'yesterday' }), refusal('invalid_request', /--since must be an ISO date/));
    const other = JSON.stringify({ workflowId: 'onboarding', entries: [] });
    await assert.rejects(debriefRuns({}, { workflow, sources: RUNS, memory: { name: 'm.json', text: other } }), refusal('invalid_input', /memory of process "onboarding"/));
  });

  it('diffWorkflows compares two versions; diffRunSets splits runs by version and refuses a heap of one version', async () => {
    const diff = await diffWorkflows(process(1).workflow, process(2).workflow);
    assert.deepEqual([diff.a.version, diff.b.version], ['1.0.0', '2.0.0']);
    assert.ok(diff.nodes.added.length + diff.nodes.changed.length > 0);
    const sets = await diffRunSets({}, { sets: [{ sources: RUNS, label: 'left' }, { sources: RUNS }] });
    assert.deepEqual([sets.a.label, sets.b.label], ['left', 'B']);
    await assert.rejects(diffRunSets({}, { byVersion: [{ kind: 'path', path: `${REFUND}/runs/rr-001.osoplog` }] }), refusal('invalid_request', /exactly two versions \(found 1/));
  });

  it('runStats names the process and its steps that never ran', async () => {
    const result = await runStats({}, { process: process(2), sources: RUNS });
    assert.deepEqual(result.workflow, { id: 'refund-request', version: '2.0.0' });
    assert.ok(result.neverRan.includes('fraud-signals'));
    assert.deepEqual([result.stats.runs, result.stats.succeeded], [14, 11]);
  });

  it('synthesizeProcess mines transcripts into a checked draft with its rationale', async () => {
    const result = await synthesizeProcess({}, { sources: [parseRecordSource('packages/analysis/test-fixtures/transcripts/fix-test-01.jsonl'), parseRecordSource('packages/analysis/test-fixtures/transcripts/fix-test-02.jsonl')] });
    assert.equal(result.runs, 2);
    assert.equal(result.fromTranscripts, true);
    assert.match(result.text, /^osop_version:/m);
    assert.ok(result.rationale.length > 0);
  });

  it('mineEventLog mines uploaded CSV text; exportEventLog writes CSV and refuses an unknown format', async () => {
    const csv = readFileSync('packages/analysis/test-fixtures/claims.csv', 'utf8');
    const mined = await mineEventLog({ log: { name: 'claims.csv', text: csv }, eventLog: CLAIMS });
    assert.ok(mined.report.cases > 0);
    assert.match(mined.text, /id: mined-process/);
    await assert.rejects(mineEventLog({ log: { name: 'claims.csv', text: csv }, eventLog: CLAIMS, miner: 'split' }), refusal('invalid_request', /--miner must be im, imf, heuristics or alpha, not "split"/));
    const exported = await exportEventLog({}, { sources: RUNS, to: 'csv' });
    assert.equal(exported.cases, 14);
    await assert.rejects(exportEventLog({}, { sources: RUNS, to: 'json' }), refusal('invalid_request', /--to must be xes or csv/));
  });

  it('importTranscript turns a session into an .osoplog and refuses one with no tool calls', async () => {
    const text = readFileSync('packages/analysis/test-fixtures/transcripts/fix-test-04.jsonl', 'utf8');
    const imported = await importTranscript({ from: 'claude-code', name: 'fix-test-04.jsonl', text });
    assert.deepEqual([imported.steps, imported.failed, imported.outcome], [13, 2, 'success']);
    assert.match(imported.text, /node_records/);
    await assert.rejects(importTranscript({ from: 'claude-code', name: 'empty.jsonl', text: '{}\n' }), refusal('invalid_input', /no tool calls found/));
    await assert.rejects(importTranscript({ from: 'cursor', name: 'x.jsonl', text }), refusal('invalid_request', /--from must be claude-code/));
  });
});
