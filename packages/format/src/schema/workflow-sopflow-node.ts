import { z } from 'zod';
import { NODE_KINDS, NODE_TYPES } from '../model/node-type.js';
import { DELEGATION_STATES } from '../model/workflow.js';
import { parseDuration } from '../normalise/parse-duration.js';
import { anyObject, closedObject, openObject } from './closed-object.js';
import { withJsonSchema } from './json-schema-hints.js';
import { str, strings } from './optional-string.js';
import { fullRuntimeShapeAfterTool, fullRuntimeShapeToCommand, fullRuntimeShapeToTool } from './workflow-full.js';
import {
  approvalGate, explainSpec, handoffSpec, idempotencyPolicy, observabilityNode, securityNode, spawnPolicy,
} from './workflow-full-parts.js';

/** sopflow's node: OSOP Full's node with every type, the SOP-graph fields and the sopflow extensions. Open, like OSOP's. */

/** A node kind in any letter case (`INFORMATION_GATHER`, `information_gather`). */
export const nodeKind = withJsonSchema(z.string().superRefine((value, ctx) => {
  if (!(NODE_KINDS as readonly string[]).includes(value.toLowerCase())) {
    ctx.addIssue({ code: 'custom', input: value, message: `\`${value}\` is not a node kind`, params: { keyword: 'enum', values: [...NODE_KINDS] } });
  }
}), { description: `a node kind in any letter case: ${NODE_KINDS.join(', ')}` });

/** A node type (16) or, in the SOP-graph style, a node kind written where the type goes. */
export const nodeTypeOrKind = withJsonSchema(z.string().superRefine((value, ctx) => {
  if ((NODE_TYPES as readonly string[]).includes(value) || (NODE_KINDS as readonly string[]).includes(value.toLowerCase())) return;
  ctx.addIssue({
    code: 'custom', input: value, message: `\`${value}\` is not a node type`,
    params: { keyword: 'enum', values: [...NODE_TYPES, ...NODE_KINDS.map((k) => k.toUpperCase())] },
  });
}), { description: 'one of the 16 node types, or a node kind (any case) in the SOP-graph style' });

/** "30s", "5m", "2h", "1d", "PT5M", or a number of seconds. */
export const duration = withJsonSchema(z.union([z.number(), z.string()]).superRefine((value, ctx) => {
  if (parseDuration(value) === undefined) {
    ctx.addIssue({ code: 'custom', input: value, message: `\`${String(value)}\` is not a duration`, params: { keyword: 'format', format: 'duration' } });
  }
}), { description: 'seconds, or a duration such as "30s", "5m", "2h", "1d" or ISO-8601 "PT5M"' });

export const ioSpec = z.union([
  z.string(),
  openObject({ name: z.string(), type: str(), schema: z.unknown().optional(), required: z.boolean().optional(), description: str(), explain: explainSpec.optional() }),
]);

/** A task queue's name (`runtime.queue`): workers started with `--queue NAME` take the step; absent = the default queue. */
export const queueName = withJsonSchema(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, {
  message: 'a queue name is 1–63 letters, digits, `.`, `_` or `-`, starting with a letter or digit',
}), { description: 'a task queue: workers started with `sopflow worker --queue NAME` execute the step' });

const runtime = openObject({
  queue: queueName.optional(),
  ...fullRuntimeShapeToCommand,
  command: z.union([z.string(), z.array(z.string())]).optional(),
  shell: z.union([z.boolean(), z.string()]).optional(),
  cwd: str(), env: z.union([z.array(z.string()), z.record(z.string(), z.string())]).optional(),
  ...fullRuntimeShapeToTool,
  environment: z.union([z.string(), anyObject]).optional(),
  server: str(),
  ...fullRuntimeShapeAfterTool,
});

const retryPolicy = closedObject({
  max_retries: z.number().int().min(0).optional(),
  strategy: z.enum(['fixed', 'exponential_backoff']).optional(),
  backoff_sec: z.number().min(0).optional(),
  max_backoff_sec: z.number().min(0).optional(),
  non_retryable: strings(),
});

/** Where to go next in the SOP-graph style: a node id, a list of them, or branches with conditions. */
export const successTarget = z.union([
  z.string(),
  z.array(z.union([z.string(), closedObject({ to: z.string(), when: str(), condition: str(), label: str() })])),
]);

/** Where to escalate: a node id or a role name, or an object saying which. */
export const escalationTarget = z.union([
  z.string(),
  closedObject({ node: str(), to: str(), role: str(), reason: str() }),
]);

export const failureMode = z.union([
  z.string(),
  openObject({ id: str(), code: str(), description: str(), goto: str(), mitigation: str() }),
]);

export const sopflowNodeSchema = openObject({
  id: z.string().min(1),
  type: nodeTypeOrKind.optional(),
  kind: nodeKind.optional(),
  name: str(), subtype: str(), role: str(), owner: str(), purpose: str(), description: str(),
  cost: anyObject.optional(),
  message_contract: anyObject.optional(),
  runtime: runtime.optional(),
  inputs: z.array(ioSpec).optional(),
  outputs: z.array(ioSpec).optional(),
  success_criteria: strings(),
  failure_modes: z.array(failureMode).optional(),
  retry_policy: retryPolicy.optional(),
  timeout_sec: z.number().optional(),
  timeout: duration.optional(),
  idempotency: idempotencyPolicy.optional(),
  idempotent: z.boolean().optional(),
  handoff: handoffSpec.optional(),
  explain: explainSpec.optional(),
  observability: observabilityNode.optional(),
  security: securityNode.optional(),
  risk_level: str(),
  approval_gate: z.union([z.boolean(), approvalGate]).optional(),
  parent: str(),
  spawn_policy: spawnPolicy.optional(),
  workflow_ref: str(),
  workflow_inputs: anyObject.optional(),
  confidence_requirement: z.number().optional(),
  human_auth_required: z.boolean().optional(),
  auth_level: str(),
  audit_level: z.enum(['none', 'summary', 'full']).optional(),
  delegation_state: z.enum(DELEGATION_STATES as [string, ...string[]]).optional(),
  sla: z.union([duration, openObject({ due: duration.optional(), due_sec: z.number().optional(), description: str() })]).optional(),
  on_success: successTarget.optional(),
  next: successTarget.optional(),
  on_failure: escalationTarget.optional(),
  on_timeout: escalationTarget.optional(),
  form: anyObject.optional(),
  sequence_order: z.number().int().optional(),
});
