import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateSource } from '../index.js';

const DOC = `osop_version: "1.0"
id: deploy
name: Deploy
nodes:
  - id: build
    type: cli
    purpose: Build the bundle
  - id: build
    type: cli
    purpose: Build again
edges:
  - from: build
    to: ship
`;

describe('validateSource', () => {
  it('applies OSOP CLI reference checks at core and full', () => {
    for (const compat of ['core', 'full'] as const) {
      const report = validateSource(DOC, 'deploy.osop', { compat });
      assert.equal(report.valid, false);
      assert.deepEqual(report.diagnostics.map((d) => [d.code, d.line]), [['duplicate-node-id', 8], ['unknown-edge-target', 13]]);
      assert.equal(report.workflow, undefined);
    }
  });

  it('runs the semantic rules at the sopflow level and returns the workflow', () => {
    const report = validateSource(DOC, 'deploy.osop');
    assert.equal(report.valid, false);
    const codes = report.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('duplicate-node-id'), codes.join());
    assert.ok(codes.includes('unknown-edge-target'), codes.join());
    assert.equal(report.workflow?.nodes.length, 2);
  });

  it('says valid for a clean workflow at every level, and sorts diagnostics by line', () => {
    const clean = DOC.replace('  - id: build\n    type: cli\n    purpose: Build again', '  - id: ship\n    type: cli\n    purpose: Ship it');
    for (const compat of ['core', 'full', 'sopflow'] as const) {
      const report = validateSource(clean, 'deploy.osop', { compat });
      assert.equal(report.valid, true, `${compat}: ${JSON.stringify(report.diagnostics)}`);
    }
    const messy = validateSource(clean.replace('type: cli', 'type: 7').replace('purpose: Ship it', 'purpose: 3'), 'x.osop', { compat: 'full' });
    const lines = messy.diagnostics.map((d) => d.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
    assert.ok(messy.diagnostics.every((d) => d.file === 'x.osop'));
  });

  it('checks logs and collections by their kind', () => {
    const log = validateSource('osoplog_version: "1.0"\nrun_id: r\n', 'run.osoplog');
    assert.equal(log.kind, 'log');
    assert.equal(log.valid, false);
    assert.ok(log.diagnostics.every((d) => d.code === 'schema-required'));
    const sop = validateSource('sop_version: "1.0"\nid: a\nname: A\nsections: []\n', 'team.sop');
    assert.deepEqual([sop.kind, sop.valid], ['collection', true]);
  });

  it('reports unparseable input without throwing', () => {
    const report = validateSource(new Uint8Array([0, 1, 2]), 'x.osop');
    assert.deepEqual([report.kind, report.valid, report.diagnostics[0].code], ['workflow', false, 'binary-content']);
  });
});
