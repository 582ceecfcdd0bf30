import type { WorkflowNode } from '@sopflow/format';
import type { SecretSource, StepRequest } from '../src/ports/step-executor.js';

/** A node with the fields executors read; tests override what they need. */
export function makeNode(fields: Partial<WorkflowNode> & Pick<WorkflowNode, 'id' | 'type'>): WorkflowNode {
  return {
    kind: 'action_digital',
    name: fields.id,
    inputs: [],
    outputs: [],
    failureModes: [],
    path: ['nodes', 0],
    extra: {},
    ...fields,
  };
}

/** A secret source over a fixed map; `redact` replaces the map's values. */
export function fixedSecrets(values: Record<string, string> = {}): SecretSource {
  return {
    get: (name) => values[name],
    redact: (text) => Object.values(values).reduce((out, value) => out.split(value).join('[REDACTED]'), text),
  };
}

/** One attempt of `node` with the given input; never aborted unless a signal is passed. */
export function makeRequest(node: WorkflowNode, overrides: Partial<StepRequest> = {}): StepRequest {
  return {
    runId: 'run-1',
    node,
    attempt: 1,
    input: {},
    idempotencyKey: `run-1:${node.id}:0`,
    signal: new AbortController().signal,
    secrets: fixedSecrets(),
    ...overrides,
  };
}
