import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionRefs, loadCollection, loadExecutionLog, parseExecutionLog } from '../index.js';

const LOG = `osoplog_version: "1.0"
run_id: r-1
workflow_id: deploy
status: FAILED
started_at: "2026-03-01T10:00:00Z"
ended_at: "2026-03-01T10:00:05Z"
duration_ms: 5000
node_records:
  - node_id: build
    node_type: event
    status: FAILED
    error: { code: E_BUILD, message: compiler crashed }
`;

describe('loadExecutionLog', () => {
  it('reads a log with the published quirks (error object, node_type event)', () => {
    const { log, diagnostics } = loadExecutionLog(LOG, 'r-1.osoplog');
    assert.deepEqual(diagnostics, []);
    assert.equal(log?.status, 'FAILED');
    assert.deepEqual(log?.node_records?.[0].error, { code: 'E_BUILD', message: 'compiler crashed' });
  });

  it('reads a log from a file without our extension', () => {
    assert.equal(loadExecutionLog(LOG, 'export.yaml').log?.run_id, 'r-1');
  });

  it('refuses a broken log with positioned diagnostics and no log', () => {
    const { log, diagnostics } = loadExecutionLog(LOG.replace('duration_ms: 5000', 'duration_ms: soon'), 'r-1.osoplog');
    assert.equal(log, undefined);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['schema-type', 7]]);
  });

  it('refuses a workflow given where a log is expected', () => {
    const { diagnostics } = loadExecutionLog('osop_version: "1.0"\nid: x\n', 'x.osop');
    assert.deepEqual(diagnostics.map((d) => d.code), ['wrong-document-kind']);
  });
});

describe('parseExecutionLog: the one .osoplog reader', () => {
  const where = (text: string, file?: string) => parseExecutionLog(text, file).diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);

  it('gives the document and positions, without the schema (a lower-case status is for the caller to judge)', () => {
    const { source, diagnostics } = parseExecutionLog(LOG.replace('status: FAILED', 'status: failed'), 'r-1.osoplog');
    assert.deepEqual(diagnostics, []);
    assert.equal((source?.data as { status: string }).status, 'failed');
    assert.deepEqual(source?.locate(['node_records', 0]), { line: 9, column: 5 });
  });

  it('reports a YAML syntax error as file:line:col and gives no document', () => {
    const broken = 'run_id: r-1\nworkflow_id: deploy\nstatus: [COMPLETED\nnode_records: []\n';
    assert.equal(parseExecutionLog(broken, 'runs/r-1.osoplog').source, undefined);
    assert.deepEqual(where(broken, 'runs/r-1.osoplog'), ['runs/r-1.osoplog:4:1 yaml-syntax']);
  });

  it('reports bad JSON, a list, a duplicate key and a workflow file with their positions', () => {
    assert.deepEqual(where('{"run_id": "r-1",\n "status" "FAILED"}\n', 'r-1.osoplog.json'), ['r-1.osoplog.json:2:11 yaml-syntax']);
    assert.deepEqual(where('- run_id: r-1\n', 'list.osoplog'), ['list.osoplog:1:1 not-a-mapping']);
    assert.deepEqual(where('run_id: a\nworkflow_id: w\nrun_id: b\n', 'dup.osoplog'), ['dup.osoplog:3:1 duplicate-key']);
    assert.deepEqual(where('osop_version: "1.0"\nid: x\n', 'x.osop'), ['x.osop:1:1 wrong-document-kind']);
  });

  it('hints at the keys a log starts with, not a workflow’s', () => {
    assert.match(parseExecutionLog('- run_id: r-1\n', 'list.osoplog').diagnostics[0]?.hint ?? '', /run_id/);
  });
});

describe('loadCollection', () => {
  const SOP = 'sop_version: "1.0"\nid: team\nname: Team\nsections:\n  - name: Ops\n    workflows:\n      - ref: deploy.osop\n      - ref: ./incident.osop.yaml\n  - name: Empty\n    workflows: []\n';

  it('reads a collection and lists its references in order', () => {
    const { collection, diagnostics } = loadCollection(SOP, 'team.sop');
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(collectionRefs(collection!), ['deploy.osop', './incident.osop.yaml']);
  });

  it('refuses a collection with a bad version', () => {
    const { collection, diagnostics } = loadCollection(SOP.replace('"1.0"', '"2"'), 'team.sop');
    assert.equal(collection, undefined);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.line]), [['schema-enum', 1]]);
  });
});
