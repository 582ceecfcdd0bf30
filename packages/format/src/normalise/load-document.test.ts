import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionRefs, loadCollection, loadExecutionLog } from '../index.js';

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
