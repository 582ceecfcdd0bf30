import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NODE_TYPES, defaultKind, performerOf } from '../index.js';
import type { Performer, WorkflowNode } from '../index.js';

function node(spec: Partial<WorkflowNode>): WorkflowNode {
  const type = spec.type ?? 'system';
  return { id: 'n', name: 'n', type, kind: defaultKind(type), inputs: [], outputs: [], failureModes: [], path: ['nodes', 0], extra: {}, ...spec };
}

// The engine's choice for the same node: person types always a person; gateway / noop at once; else by delegation state.
const TABLE: [string, Partial<WorkflowNode>, Performer][] = [
  ['a human step', { type: 'human' }, 'human'],
  ['a company step', { type: 'company' }, 'human'],
  ['a department step', { type: 'department' }, 'human'],
  ['a human step marked agent_supervised (a person still does it)', { type: 'human', delegationState: 'agent_supervised' }, 'human'],
  ['a human step marked agent_autonomous', { type: 'human', delegationState: 'agent_autonomous' }, 'human'],
  ['an agent step', { type: 'agent' }, 'agent'],
  ['an agent step kept human_only', { type: 'agent', delegationState: 'human_only' }, 'human'],
  ['an agent step being trialled (the person’s answer counts)', { type: 'agent', delegationState: 'trialing' }, 'human'],
  ['a supervised agent', { type: 'agent', delegationState: 'agent_supervised' }, 'agent'],
  ['a cli step', { type: 'cli' }, 'system'],
  ['a cli step delegated to an agent', { type: 'cli', delegationState: 'agent_autonomous' }, 'agent'],
  ['a gateway', { type: 'gateway' }, 'system'],
  ['a noop machine step, whatever its delegation', { type: 'api', runtime: { action: 'noop' }, delegationState: 'human_only' }, 'system'],
  ['a noop agent step is still the agent’s', { type: 'agent', runtime: { action: 'noop' } }, 'agent'],
  ['a noop human step is still a person’s', { type: 'human', runtime: { action: 'noop' } }, 'human'],
];

describe('performerOf: the one performer rule', () => {
  for (const [name, spec, expected] of TABLE) {
    it(`${name} → ${expected}`, () => assert.equal(performerOf(node(spec)), expected));
  }

  it('gives every node type a performer', () => {
    const got = Object.fromEntries(NODE_TYPES.map((type) => [type, performerOf(node({ type }))]));
    assert.deepEqual(got, {
      human: 'human', agent: 'agent', api: 'system', cli: 'system', db: 'system', git: 'system', docker: 'system', cicd: 'system',
      mcp: 'system', system: 'system', infra: 'system', data: 'system', event: 'system', gateway: 'system', company: 'human', department: 'human',
    });
  });
});
