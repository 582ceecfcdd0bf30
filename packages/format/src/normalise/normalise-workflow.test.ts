import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadWorkflow, parseDuration, stringifyWorkflow } from '../index.js';

const SOP_GRAPH = `osop_version: "1.1"
id: triage
name: Clinical triage
entry_point: intake
jurisdiction: UK
auth_levels: [nurse, senior_nurse, doctor]
exit_conditions: [discharge]
nodes:
  - id: intake
    type: INFORMATION_GATHER
    role: nurse
    timeout: 5m
    on_timeout: senior_nurse
    on_success: assess
  - id: assess
    kind: ASSESSMENT
    type: agent
    confidence_requirement: 0.8
    on_success:
      - { to: discharge, when: "score < 3" }
      - { to: treat, when: "score >= 3" }
    on_failure: treat
  - id: treat
    kind: action_physical
    timeout: PT2H
    approval_gate: { approver_role: doctor }
    security: { risk_level: HIGH }
    on_success: discharge
  - id: discharge
    type: human
    human_auth_required: true
    auth_level: doctor
`;

describe('normaliseWorkflow', () => {
  it('turns the SOP-graph style into the edge model', () => {
    const { workflow, diagnostics } = loadWorkflow(SOP_GRAPH, 'triage.osop');
    assert.deepEqual(diagnostics, []);
    assert.ok(workflow);
    assert.equal(workflow.style, 'sop-graph');
    assert.equal(workflow.entryPoint, 'intake');
    assert.deepEqual(workflow.jurisdiction, ['UK']);
    assert.deepEqual(workflow.authLevels, ['nurse', 'senior_nurse', 'doctor']);
    assert.deepEqual(workflow.exitConditions, [{ node: 'discharge' }]);
    assert.deepEqual(workflow.edges.map((e) => [e.from, e.to, e.mode, e.origin, e.when ?? null]), [
      ['intake', 'assess', 'sequential', 'on_success', null],
      ['assess', 'discharge', 'conditional', 'on_success', 'score < 3'],
      ['assess', 'treat', 'conditional', 'on_success', 'score >= 3'],
      ['assess', 'treat', 'error', 'on_failure', null],
      ['treat', 'discharge', 'sequential', 'on_success', null],
    ]);
    assert.deepEqual(workflow.edges[1].path, ['nodes', 1, 'on_success', 0]);
  });

  it('reads kinds in any case, durations, roles, gates and risk', () => {
    const { workflow } = loadWorkflow(SOP_GRAPH, 'triage.osop');
    const [intake, assess, treat, discharge] = workflow!.nodes;
    assert.deepEqual([intake.type, intake.kind, intake.timeoutSec], ['human', 'information_gather', 300]);
    assert.deepEqual(intake.onTimeout, { role: 'senior_nurse' });
    assert.deepEqual([assess.type, assess.kind, assess.confidenceRequirement], ['agent', 'assessment', 0.8]);
    assert.deepEqual(assess.onFailure, { node: 'treat' });
    assert.deepEqual([treat.kind, treat.timeoutSec, treat.riskLevel], ['action_physical', 7200, 'high']);
    assert.deepEqual(treat.approvalGate, { required: true, approverRole: 'doctor' });
    assert.deepEqual([discharge.humanAuthRequired, discharge.authLevel, discharge.kind], [true, 'doctor', 'checkpoint']);
    assert.deepEqual(treat.path, ['nodes', 2]);
  });

  it('normalises the edge-list style with every edge field', () => {
    const text = `osop_version: "1.1"
id: ship
name: Ship
nodes:
  - { id: build, type: cicd, purpose: build, retry_policy: { max_retries: 2, strategy: exponential_backoff, backoff_sec: 5 } }
  - { id: pick, type: gateway }
  - { id: a, type: cli, runtime: { command: [npm, test] } }
  - { id: b, type: api }
  - { id: done, type: system, idempotent: true }
edges:
  - { from: build, to: pick }
  - { from: pick, to: a, mode: switch, condition: "env", cases: [{ value: prod, to: a }], default_to: b }
  - { from: a, to: done, mode: parallel, join_mode: wait_n, join_count: 1 }
  - { from: b, to: done, mode: error, error_codes: [E_HTTP] }
  - { from: done, to: build, mode: loop, for_each: "items", iterator_var: it, max_iterations: 3, x-note: kept }
  - { from: b, to: done, mode: weighted, weight: 0.3 }
`;
    const { workflow, diagnostics } = loadWorkflow(text, 'ship.osop');
    assert.deepEqual(diagnostics, []);
    assert.equal(workflow!.style, 'edge-list');
    assert.equal(workflow!.entryPoint, 'build');
    const [, sw, par, err, loop, weighted] = workflow!.edges;
    assert.deepEqual([sw.when, sw.cases, sw.defaultTo], ['env', [{ value: 'prod', to: 'a' }], 'b']);
    assert.deepEqual([par.joinMode, par.joinCount], ['wait_n', 1]);
    assert.deepEqual(err.errorCodes, ['E_HTTP']);
    assert.deepEqual([loop.forEach, loop.iteratorVar, loop.maxIterations, loop.extra], ['items', 'it', 3, { 'x-note': 'kept' }]);
    assert.equal(weighted.weight, 0.3);
    assert.deepEqual(workflow!.nodes[0].retryPolicy, { maxRetries: 2, strategy: 'exponential_backoff', backoffSec: 5 });
    assert.deepEqual(workflow!.nodes[2].runtime?.command, ['npm', 'test']);
    assert.equal(workflow!.nodes[4].idempotent, true);
  });

  it('leaves the entry point undefined when it is ambiguous', () => {
    const text = 'osop_version: "1.0"\nid: x\nname: x\nnodes: [{id: a, type: human}, {id: b, type: human}]\nedges: []\n';
    assert.equal(loadWorkflow(text).workflow?.entryPoint, undefined);
  });

  it('finds the first step when a fallback edge points back to it', () => {
    const text = 'osop_version: "1.0"\nid: x\nname: x\nnodes: [{id: plan, type: agent}, {id: review, type: human}, {id: run, type: cli}]\nedges:\n  - { from: plan, to: review }\n  - { from: review, to: run, mode: conditional, when: "true" }\n  - { from: review, to: plan, mode: fallback }\n';
    assert.equal(loadWorkflow(text).workflow?.entryPoint, 'plan');
  });

  it('reads the allowed_hosts extension, writes it back, and rejects a list that is not of strings', () => {
    const text = 'osop_version: "1.1"\nid: x\nname: x\nallowed_hosts: [api.example.com, "127.0.0.1", 10.0.0.0/8]\nnodes: [{id: a, type: api}]\nedges: []\n';
    const { workflow } = loadWorkflow(text);
    assert.deepEqual(workflow?.allowedHosts, ['api.example.com', '127.0.0.1', '10.0.0.0/8']);
    assert.equal(workflow?.extra.allowed_hosts, undefined);
    assert.deepEqual(loadWorkflow(stringifyWorkflow(workflow!)).workflow?.allowedHosts, ['api.example.com', '127.0.0.1', '10.0.0.0/8']);
    assert.equal(loadWorkflow('osop_version: "1.1"\nid: x\nname: x\nnodes: [{id: a, type: api}]\nedges: []\n').workflow?.allowedHosts, undefined);
    assert.notDeepEqual(loadWorkflow(text.replace('[api.example.com, "127.0.0.1", 10.0.0.0/8]', '{ a: 1 }')).diagnostics, []);
  });

  it('returns diagnostics and no workflow for invalid documents', () => {
    const bad = loadWorkflow('osop_version: "1.0"\nid: x\nname: x\nnodes: []\n', 'x.osop');
    assert.equal(bad.workflow, undefined);
    assert.deepEqual(bad.diagnostics.map((d) => d.code), ['schema-min-items']);
    assert.deepEqual(loadWorkflow('run_id: r', 'r.osoplog').diagnostics.map((d) => d.code), ['not-a-workflow']);
    assert.deepEqual(loadWorkflow('[1, 2', 'x.osop').diagnostics.map((d) => d.code)[0], 'yaml-syntax');
  });
});

describe('parseDuration', () => {
  it('reads compact, ISO-8601 and numeric durations', () => {
    assert.deepEqual(['30s', '5m', '2h', '1d', '1h30m', 'PT5M', 'P1DT1H', '90 minutes', 45, '12'].map(parseDuration), [30, 300, 7200, 86400, 5400, 300, 90000, 5400, 45, 12]);
  });
  it('rejects what is not a duration', () => {
    assert.deepEqual(['soon', '5 parsecs', 'P', 'PT', '', true].map(parseDuration), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
