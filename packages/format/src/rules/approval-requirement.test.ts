import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvalRequirement, defaultKind, needsApproval } from '../index.js';
import type { ApprovalReason, WorkflowNode } from '../index.js';

function node(spec: Partial<WorkflowNode>): WorkflowNode {
  const type = spec.type ?? 'system';
  return { id: 'n', name: 'n', type, kind: defaultKind(type), inputs: [], outputs: [], failureModes: [], path: ['nodes', 0], extra: {}, ...spec };
}

type Row = [string, Partial<WorkflowNode>, { reasons: ApprovalReason[]; beforeStep: boolean; reviewAfter: boolean }];

// beforeStep is exactly when the engine opens an authorisation task; reviewAfter when it opens a review of the agent's proposal.
const TABLE: Row[] = [
  ['a plain system step', {}, { reasons: [], beforeStep: false, reviewAfter: false }],
  ['a required approval gate', { type: 'infra', approvalGate: { required: true } }, { reasons: ['approval_gate'], beforeStep: true, reviewAfter: false }],
  ['a gate that is not required', { type: 'infra', approvalGate: { required: false, approverRole: 'sre' } }, { reasons: [], beforeStep: false, reviewAfter: false }],
  ['human_auth_required', { type: 'api', humanAuthRequired: true }, { reasons: ['human_auth_required'], beforeStep: true, reviewAfter: false }],
  ['auth_level on a machine step', { type: 'cli', authLevel: 'manager' }, { reasons: ['auth_level'], beforeStep: true, reviewAfter: false }],
  ['auth_level on an agent step', { type: 'agent', authLevel: 'senior' }, { reasons: ['auth_level'], beforeStep: true, reviewAfter: false }],
  ['auth_level on a human step (the performer’s level)', { type: 'human', authLevel: 'manager' }, { reasons: [], beforeStep: false, reviewAfter: false }],
  ['a supervised agent', { type: 'agent', delegationState: 'agent_supervised' }, { reasons: ['agent_supervised'], beforeStep: false, reviewAfter: true }],
  ['a supervised machine step', { type: 'api', delegationState: 'agent_supervised' }, { reasons: ['agent_supervised'], beforeStep: false, reviewAfter: true }],
  ['a “supervised” human step (a person does it)', { type: 'human', delegationState: 'agent_supervised' }, { reasons: [], beforeStep: false, reviewAfter: false }],
  ['an autonomous agent', { type: 'agent', delegationState: 'agent_autonomous' }, { reasons: [], beforeStep: false, reviewAfter: false }],
  ['a human step with a gate', { type: 'human', approvalGate: { required: true, approverRole: 'lead' } }, { reasons: ['approval_gate'], beforeStep: true, reviewAfter: false }],
  ['every reason at once', { type: 'agent', approvalGate: { required: true }, humanAuthRequired: true, authLevel: 'director', delegationState: 'agent_supervised' },
    { reasons: ['approval_gate', 'human_auth_required', 'auth_level', 'agent_supervised'], beforeStep: true, reviewAfter: true }],
];

describe('approvalRequirement: the one approval rule', () => {
  for (const [name, spec, expected] of TABLE) {
    it(`${name}: ${expected.reasons.length === 0 ? 'no approval' : expected.reasons.join(' + ')}`, () => {
      const got = approvalRequirement(node(spec));
      assert.deepEqual({ reasons: got.reasons, beforeStep: got.beforeStep, reviewAfter: got.reviewAfter }, expected);
      assert.equal(got.required, expected.reasons.length > 0);
      assert.equal(needsApproval(node(spec)), got.required);
    });
  }

  it('names the approver role, the approvers and the level the approver must hold', () => {
    const got = approvalRequirement(node({ type: 'infra', authLevel: 'manager', approvalGate: { required: true, approverRole: 'release-manager', approvers: ['ana'] } }));
    assert.deepEqual([got.approverRole, got.approvers, got.authLevel], ['release-manager', ['ana'], 'manager']);
    assert.deepEqual(Object.keys(approvalRequirement(node({}))).sort(), ['beforeStep', 'reasons', 'required', 'reviewAfter']);
  });
});
