import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { highRiskWithoutApproval } from './high-risk-without-approval.js';

describe('high-risk-without-approval', () => {
  it('warns about a critical step with no approval, at its id', () => {
    const text = `osop_version: "1.0"
id: deploy
name: Deploy
nodes:
  - id: build
    type: cicd
  - id: prod_deploy
    type: infra
    security:
      risk_level: critical
edges:
  - from: build
    to: prod_deploy
`;
    assert.deepEqual(findings(highRiskWithoutApproval, yamlContext(text)), [
      { code: 'high-risk-without-approval', severity: 'warning', ...positionOf(text, 'prod_deploy') },
    ]);
  });

  it('accepts an approval gate, human_auth_required, or a human approval step right before', () => {
    const wf = testWorkflow({
      nodes: [
        { id: 'a', riskLevel: 'high', approvalGate: { required: true } },
        { id: 'b', riskLevel: 'critical', humanAuthRequired: true },
        { id: 'sign_off', type: 'human', approvalGate: { required: true, approverRole: 'sre' } },
        { id: 'c', riskLevel: 'high' },
        { id: 'd', riskLevel: 'medium' },
        { id: 'e', type: 'agent', riskLevel: 'high', delegationState: 'agent_supervised' },
      ],
      edges: [{ from: 'sign_off', to: 'c' }],
    });
    assert.deepEqual(highRiskWithoutApproval.check(testContext(wf)), []);
  });

  it('follows the engine: auth_level on a machine step is an approval; a human step marked agent_supervised is not', () => {
    const wf = testWorkflow({
      nodes: [
        { id: 'wire', type: 'api', riskLevel: 'HIGH', authLevel: 'manager' },
        { id: 'pay', type: 'human', riskLevel: 'high', delegationState: 'agent_supervised' },
      ],
    });
    assert.deepEqual(highRiskWithoutApproval.check(testContext(wf)).map((d) => d.message), ['node "pay" is high risk but nobody approves it']);
  });
});
