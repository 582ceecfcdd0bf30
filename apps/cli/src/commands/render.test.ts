import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const pipeline = join(EXAMPLES, 'deployment-pipeline.osop');
const NODE_NAMES = ['Check out the release ref', 'Build the image', 'Unit tests', 'Security scan', 'Checks passed', 'Approve the release', 'Deploy to production', 'Smoke test', 'Roll back', 'Announce the release'];
const NODE_IDS = ['checkout', 'build', 'unit_tests', 'security_scan', 'checks_done', 'release_approval', 'deploy', 'smoke_test', 'rollback', 'announce'];

describe('sopflow render / explain / schema', () => {
  it('renders Mermaid with every node and edge', () => {
    const r = runSopflow(['render', pipeline, '--format', 'mermaid']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^(flowchart|graph) (TD|TB|LR)/m);
    for (const name of NODE_NAMES) assert.ok(r.stdout.includes(name), `mermaid lacks ${name}`);
    assert.ok((r.stdout.match(/-->|-\.->|==>/g) ?? []).length >= 11, 'every edge drawn');
  });

  it('renders Graphviz DOT that is a digraph naming every node', () => {
    const r = runSopflow(['render', pipeline, '--format', 'dot']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^digraph\s/m);
    assert.equal((r.stdout.match(/->/g) ?? []).length, 11);
    for (const id of NODE_IDS) assert.ok(r.stdout.includes(`"${id}"`), `dot lacks "${id}"`);
  });

  it('renders an outline grouped by role that marks approvals and risk', () => {
    const r = runSopflow(['render', join(EXAMPLES, 'clinical-triage.osop'), '--format', 'outline']);
    assert.equal(r.status, 0, r.stderr);
    for (const role of ['senior-nurse', 'triage-nurse']) assert.ok(r.stdout.includes(role), `outline lacks lane ${role}`);
    assert.match(r.stdout, /critical/i);
    assert.match(r.stdout, /Move to resuscitation/);
  });

  it('rejects an unknown format with exit 2 and an invalid file with exit 1', () => {
    assert.equal(runSopflow(['render', pipeline, '--format', 'png']).status, 2);
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-render-'));
    const bad = join(dir, 'bad.osop');
    writeFileSync(bad, 'osop_version: "1.0"\nid: x\nname: X\nnodes: []\nedges: []\n');
    const r = runSopflow(['render', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not a valid workflow/);
    assert.ok(!hasStackTrace(r.stderr));
    assert.equal(runSopflow(['render', join(dir, 'missing.osop')]).status, 2);
  });

  it('explains who does what, what is automated, approvals and parallel work', () => {
    const r = runSopflow(['explain', pipeline]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /release-manager/);
    assert.match(r.stdout, /approv/i);
    assert.match(r.stdout, /parallel/i);
    assert.match(r.stdout, /Unit tests/);
  });

  it('prints the JSON Schema for each level and kind', () => {
    for (const args of [[], ['--compat', 'core'], ['--compat', 'full'], ['--kind', 'log'], ['--kind', 'collection']]) {
      const r = runSopflow(['schema', ...args]);
      assert.equal(r.status, 0, r.stderr);
      const schema = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.equal(schema.type, 'object', `schema ${args.join(' ')}`);
      assert.ok(schema.properties, `schema ${args.join(' ')} has properties`);
    }
    assert.equal(runSopflow(['schema', '--kind', 'nope']).status, 2);
  });
});
