import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkSchema, parseSource, type CompatLevel } from '../index.js';

function check(text: string, level: CompatLevel, file = 'doc.osop') {
  const { source, diagnostics } = parseSource(text, file);
  assert.deepEqual(diagnostics, [], 'parses');
  return checkSchema(source!, level);
}
const codes = (text: string, level: CompatLevel, file?: string) => check(text, level, file).filter((d) => d.severity === 'error').map((d) => d.code);

const CORE_DOC = `osop_version: "1.0"
id: hello
name: Hello
nodes:
  - id: ask
    type: human
edges: []
`;

describe('checkSchema', () => {
  it('judges Core-only documents as OSOP does: valid in Core, invalid in Full (purpose, empty edges)', () => {
    assert.deepEqual(codes(CORE_DOC, 'core'), []);
    assert.deepEqual(codes(CORE_DOC, 'full').sort(), ['schema-min-items', 'schema-required']);
    assert.deepEqual(codes(CORE_DOC, 'sopflow'), []);
  });

  it('places a missing key at its parent and names it', () => {
    const [d] = check(CORE_DOC.replace('edges: []', 'edges: [{from: ask, to: ask}]'), 'full');
    assert.equal(d.code, 'schema-required');
    assert.match(d.message, /purpose/);
    assert.deepEqual([d.line, d.column], [5, 5]);
  });

  it('reports wrong types at the offending value with a hint', () => {
    const [d] = check(CORE_DOC.replace('type: human', 'type: human\n    timeout_sec: "30"'), 'sopflow');
    assert.equal(d.code, 'schema-type');
    assert.deepEqual([d.line, d.column], [7, 18]);
    assert.match(d.hint ?? '', /quotes/);
  });

  it('rejects unknown root and edge keys, suggesting the near miss, and allows x- keys', () => {
    const text = CORE_DOC.replace('edges: []', 'edges:\n  - from: ask\n    to: ask\n    wen: "true"\nx-team: ops\ndescriptoin: hi');
    const diagnostics = check(text, 'sopflow');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.hint]), [
      ['schema-additional-property', 'did you mean `when`?'],
      ['schema-additional-property', 'did you mean `description`?'],
    ]);
    assert.equal(diagnostics[1].line, 12);
  });

  it('explains a Full key under Core and an enum near miss', () => {
    const [d] = check(CORE_DOC + 'status: draft\n', 'core');
    assert.equal(d.code, 'schema-additional-property');
    assert.match(d.hint ?? '', /OSOP Full/);
    const [e] = check(CORE_DOC.replace('type: human', 'type: humna'), 'full');
    assert.equal(e.code, 'schema-enum');
    assert.equal(e.hint, 'did you mean `human`?');
  });

  it('enforces the version pattern, lengths and formats', () => {
    assert.deepEqual(codes(CORE_DOC.replace('"1.0"', '"v1"'), 'core'), ['schema-pattern']);
    assert.deepEqual(codes(CORE_DOC.replace('"1.0"', '1.0'), 'core'), ['schema-type']);
    assert.deepEqual(codes(CORE_DOC.replace('id: hello', `id: ${'x'.repeat(129)}`), 'core'), ['schema-max-length']);
    assert.deepEqual(codes(CORE_DOC.replace('id: hello', `id: ${'x'.repeat(129)}`), 'sopflow'), []);
    assert.deepEqual(codes(CORE_DOC + 'metadata:\n  created_at: "yesterday"\n', 'full').filter((c) => c === 'schema-format'), ['schema-format']);
  });

  it('accepts the SOP-graph style and sopflow extensions only at the sopflow level', () => {
    const text = `osop_version: "1.1"
id: triage
name: Triage
entry_point: intake
certification_status: in_review
jurisdiction: [UK]
nodes:
  - id: intake
    type: INFORMATION_GATHER
    timeout: 5m
    on_timeout: senior_nurse
    on_success: assess
  - id: assess
    kind: assessment
    type: agent
    confidence_requirement: 0.8
    on_failure: { role: senior_nurse }
`;
    assert.deepEqual(codes(text, 'sopflow'), []);
    assert.ok(codes(text, 'full').includes('schema-additional-property'));
    assert.deepEqual(codes(text.replace('timeout: 5m', 'timeout: soon'), 'sopflow'), ['schema-format']);
    assert.deepEqual(codes(text.replace('INFORMATION_GATHER', 'GATHERING'), 'sopflow'), ['schema-enum']);
  });

  it('warns about misspelt node keys at the sopflow level', () => {
    const diagnostics = check(CORE_DOC.replace('type: human', 'type: human\n    purpsoe: ask'), 'sopflow');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.hint]), [['unknown-node-key', 'warning', 'did you mean `purpose`?']]);
  });

  it('checks logs with OSOP strictness at core/full and tolerates published quirks at sopflow', () => {
    const log = `osoplog_version: "1.0"
run_id: r1
workflow_id: w
status: COMPLETED
started_at: "2026-01-01T10:00:00Z"
ended_at: "2026-01-01T10:01:00Z"
duration_ms: 60000
node_records:
  - node_id: a
    node_type: event
    error: { code: E1, message: boom }
`;
    assert.deepEqual(codes(log, 'full', 'r.osoplog').sort(), ['schema-enum', 'schema-type']);
    assert.deepEqual(codes(log, 'sopflow', 'r.osoplog'), []);
    assert.deepEqual(codes(log.replace('COMPLETED', 'CANCELLED'), 'sopflow', 'r.osoplog'), []);
    assert.deepEqual(codes(log.replace('duration_ms: 60000', 'duration_ms: -1'), 'sopflow', 'r.osoplog'), ['schema-minimum']);
  });

  it('checks collections against the .sop schema', () => {
    const sop = 'sop_version: "1.0"\nid: team\nname: Team\nsections:\n  - name: Ops\n    workflows:\n      - ref: deploy.osop\n';
    assert.deepEqual(codes(sop, 'sopflow', 'team.sop'), []);
    assert.deepEqual(codes(sop.replace('"1.0"', '"2.0"'), 'core', 'team.sop'), ['schema-enum']);
    assert.deepEqual(codes(sop.replace('ref: deploy.osop', 'title: x'), 'sopflow', 'team.sop'), ['schema-required']);
  });
});
