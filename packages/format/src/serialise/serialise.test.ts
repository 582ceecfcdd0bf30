import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSource, loadWorkflow, parseSource, stringifyWorkflow, type Workflow } from '../index.js';

const MESSY = `# Deploy pipeline
osop_version:   "1.1"   # pinned
id: deploy
name: Deploy
nodes:
- id: build      # compile
  type: cicd
  purpose: Build
- {id: ship, type: cli, purpose: Ship}
edges:
    -   from: build
        to: ship
`;

/** The graph without source bookkeeping (paths, origins, style). */
function graphOf(workflow: Workflow) {
  return {
    nodes: workflow.nodes.map(({ path: _p, onFailure: _f, onTimeout: _t, ...rest }) => rest),
    edges: workflow.edges.map(({ path: _p, origin: _o, ...rest }) => rest).sort((a, b) => `${a.from}${a.to}${a.mode}`.localeCompare(`${b.from}${b.to}${b.mode}`)),
    entryPoint: workflow.entryPoint,
  };
}

describe('formatSource', () => {
  it('canonicalises layout and keeps comments, key order and data', () => {
    const { text, changed, diagnostics } = formatSource(MESSY, 'deploy.osop');
    assert.deepEqual(diagnostics, []);
    assert.equal(changed, true);
    for (const comment of ['# Deploy pipeline', '# pinned', '# compile']) assert.ok(text.includes(comment), comment);
    assert.deepEqual(parseSource(text).source?.data, parseSource(MESSY).source?.data);
    assert.deepEqual(Object.keys(parseSource(text).source!.data as object), ['osop_version', 'id', 'name', 'nodes', 'edges']);
    assert.match(text, /^edges:\n {2}- from: build\n {4}to: ship$/m);
  });

  it('is idempotent', () => {
    const once = formatSource(MESSY, 'deploy.osop').text;
    assert.deepEqual(formatSource(once, 'deploy.osop'), { text: once, changed: false, diagnostics: [] });
  });

  it('leaves unparseable input unchanged and says why', () => {
    const result = formatSource('id: [a,\n', 'x.osop');
    assert.equal(result.text, 'id: [a,\n');
    assert.equal(result.changed, false);
    assert.equal(result.diagnostics[0].code, 'yaml-syntax');
  });

  it('pretty-prints JSON files as JSON', () => {
    const { text } = formatSource('{"id":"x","nodes":[1,2]}', 'x.osop.json');
    assert.equal(text, '{\n  "id": "x",\n  "nodes": [\n    1,\n    2\n  ]\n}\n');
  });
});

describe('stringifyWorkflow', () => {
  it('writes a SOP-graph workflow as an edge list that loads to the same graph', () => {
    const text = `osop_version: "1.1"
id: triage
name: Triage
nodes:
  - id: intake
    type: INFORMATION_GATHER
    timeout: 5m
    on_timeout: senior_nurse
    on_success: [{ to: assess, when: "ok" }, { to: stop, when: "!ok" }]
  - id: assess
    type: agent
    confidence_requirement: 0.7
    on_failure: stop
    on_success: stop
  - { id: stop, type: human, approval_gate: true, x-ui: { colour: red } }
`;
    const first = loadWorkflow(text).workflow!;
    const written = stringifyWorkflow(first);
    const second = loadWorkflow(written);
    assert.deepEqual(second.diagnostics, []);
    assert.equal(second.workflow!.style, 'edge-list');
    assert.deepEqual(graphOf(second.workflow!), graphOf(first));
    assert.deepEqual(second.workflow!.nodes[0].onTimeout, { role: 'senior_nurse' });
    assert.match(written, /x-ui:/);
  });
});
