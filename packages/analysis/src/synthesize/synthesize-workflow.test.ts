import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { stringifyWorkflow, validateSource } from '@sopflow/format';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { conformRuns, createRunRecord, createStepRecord, importClaudeCodeTranscript, relabelRecords, synthesizeWorkflow, transcriptLabel } from '../index.js';
import type { RunRecord } from '../index.js';

const sessions = ['01', '02', '03', '04', '05', '06'].map((n) => importClaudeCodeTranscript(
  readFileSync(new URL(`../../test-fixtures/transcripts/fix-test-${n}.jsonl`, import.meta.url), 'utf8'), { runId: `fix-test-${n}` }).record);

describe('synthesizeWorkflow on six coding-agent sessions of one task', () => {
  const result = synthesizeWorkflow(sessions, { labelOf: transcriptLabel, id: 'fix-failing-test' });
  const wf = result.workflow;
  const edge = (from: string, to: string) => wf.edges.find((e) => e.from === from && e.to === to);

  it('gives one compact draft: explore → edit → check → test → (lint ∥ typecheck) → commit → push → pr', () => {
    assert.deepEqual(wf.nodes.map((n) => n.id), ['explore', 'edit', 'verify-test', 'check-before-verify-test', 'verify-typecheck', 'verify-lint', 'ship-commit', 'ship-push', 'ship-pr']);
    assert.deepEqual([wf.status, wf.lifecycle, wf.entryPoint], ['draft', 'draft', 'explore']);
    assert.equal(edge('verify-test', 'verify-lint')?.mode, 'parallel');
    assert.equal(edge('verify-test', 'verify-typecheck')?.mode, 'parallel');
    assert.ok(edge('verify-lint', 'ship-commit') && edge('verify-typecheck', 'ship-commit'));
    assert.ok(edge('edit', 'check-before-verify-test') && edge('check-before-verify-test', 'verify-test'));
  });

  it('turns failure-driven rework into a bounded loop and leaves one-off loops out', () => {
    const loop = edge('verify-test', 'edit');
    assert.deepEqual([loop?.mode, loop?.when, loop?.maxIterations], ['loop', 'steps["verify-test"].status == "failed"', 3]);
    assert.equal(edge('verify-typecheck', 'edit'), undefined);
  });

  it('cites counts and run ids for every change in the rationale', () => {
    const kinds = result.changes.map((c) => c.kind);
    for (const k of ['ordered', 'parallelise', 'loop', 'optional', 'add-check', 'mark-delegable']) assert.ok(kinds.includes(k as never), k);
    assert.ok(result.changes.every((c) => c.evidence.of > 0));
    assert.match(result.rationale, /\| add-check \| check-before-verify-test, verify-test \| added "check-before-verify-test" before "verify:test": it failed in 5 of 11 executions, in 4 of 6 runs \(5\/11; runs fix-test-02, fix-test-03, fix-test-04, fix-test-06\) \|/);
    assert.match(result.rationale, /"ship:push" is optional: it ran in 2 of 6 runs/);
  });

  it('writes an .osop that validates with no diagnostic at all and that the sessions mostly fit', () => {
    assert.deepEqual(validateSource(stringifyWorkflow(wf), 'draft.osop').diagnostics, []);
    const report = conformRuns(wf, relabelRecords(sessions, transcriptLabel));
    assert.equal(report.notFinished, 0);
    assert.ok((report.fitness ?? 0) > 0.7, String(report.fitness));
    assert.equal(report.byKind.skipped, 20, 'the new check (before every test run), and the optional lint/typecheck/push/pr steps');
    assert.equal(report.byKind.unauthorised + report.byKind['wrong-branch'], 0);
  });
});

describe('synthesizeWorkflow with a base process', () => {
  const base = buildWorkflow({
    id: 'onboarding', version: '1.2.0',
    nodes: [
      { id: 'collect', type: 'human' }, { id: 'route', type: 'gateway' }, { id: 'legacy-fax', type: 'human' },
      { id: 'check-id', type: 'human' }, { id: 'check-credit', type: 'api' }, { id: 'approve', type: 'human', humanAuthRequired: true }, { id: 'open', type: 'api' },
    ],
    edges: [
      { from: 'collect', to: 'route' },
      { from: 'route', to: 'legacy-fax', mode: 'conditional', when: 'inputs.channel == "fax"' },
      { from: 'route', to: 'check-id', mode: 'conditional', when: 'inputs.channel != "fax"' },
      { from: 'legacy-fax', to: 'check-id' },
      ...chain('check-id', 'check-credit', 'approve', 'open'),
    ],
  });
  const runs: RunRecord[] = Array.from({ length: 6 }, (_, i) => createRunRecord({ runId: `o${i}`, steps: [
    'collect', 'route', ...(i % 2 === 0 ? ['check-id', 'check-credit'] : ['check-credit', 'check-id']), ...(i === 5 ? [] : ['approve']), 'open',
  ].map((id, k) => createStepRecord({ nodeId: id, startedAt: new Date(Date.UTC(2026, 0, 1, 9, i * 10 + k)).toISOString(), status: id === 'open' && i < 3 ? 'FAILED' : 'COMPLETED' })) }));
  const result = synthesizeWorkflow(runs, { base });
  const wf = result.workflow;

  it('drops a step and a branch no run took, and never drops the approval', () => {
    assert.ok(!wf.nodes.some((n) => n.id === 'legacy-fax'));
    assert.ok(wf.nodes.some((n) => n.id === 'approve'));
    assert.ok(result.changes.some((c) => c.kind === 'drop-step' && c.nodes[0] === 'legacy-fax'));
  });

  it('runs two checks seen in both orders in parallel', () => {
    assert.deepEqual(wf.edges.filter((e) => e.mode === 'parallel').map((e) => `${e.from}>${e.to}`).sort(), ['route>check-credit', 'route>check-id']);
    assert.ok(wf.edges.some((e) => e.from === 'check-id' && e.to === 'approve') && wf.edges.some((e) => e.from === 'check-credit' && e.to === 'approve'));
  });

  it('adds a check before the step whose failures cluster, marks reliable human steps, and leaves the base unchanged', () => {
    assert.ok(wf.edges.some((e) => e.from === 'check-before-open' && e.to === 'open'));
    assert.equal(wf.nodes.find((n) => n.id === 'collect')?.delegationState, 'agent_supervised');
    assert.equal(wf.nodes.find((n) => n.id === 'approve')?.delegationState, undefined);
    assert.deepEqual([wf.version, wf.lifecycle], ['1.3.0', 'draft']);
    assert.equal(base.nodes.length, 7);
  });
});
