import { z } from 'zod';
import { FULL_NODE_TYPES } from '../model/node-type.js';
import { anyObject, closedObject, openObject } from './closed-object.js';
import { dateTimeString, uriReferenceString, VERSION_PATTERN } from './formats.js';
import { str, strings } from './optional-string.js';
import {
  approvalGate, conformanceLevel, evolutionPolicy, explainSpec, handoffSpec, idempotencyPolicy, ioSpec, ledgerPolicy, messageContract,
  observabilityNode, observabilityPolicy, retryPolicy, runtimeAuth, securityNode, securityPolicy, spawnPolicy, switchCase,
  testCase, trigger,
} from './workflow-full-parts.js';

/**
 * Mirrors OSOP's osop.schema.json (osop-spec@2d28ead, `$id` …/v2.1.0) keyword for keyword, so
 * `--compat full` judges a document exactly as OSOP's Full schema does.
 */
/** Full's 10 modes in the schema's own order (the spec's tests pin it); the same set as FULL_EDGE_MODES. */
const OSOP_FULL_EDGE_MODE_ORDER = ['sequential', 'conditional', 'parallel', 'loop', 'event', 'fallback', 'error', 'timeout', 'spawn', 'switch'] as const;

/**
 * The Full runtime's keys in three runs, in the schema's own order: the sopflow runtime spreads
 * them with its own keys between (`shell`, `cwd`, `env` after `command`; `server` after `tool`).
 */
export const fullRuntimeShapeToCommand = { provider: str(), model: str(), os: str(), image: str(), command: str() };

export const fullRuntimeShapeToTool = {
  endpoint: str(), repo: str(),
  action: str(), branch: str(), engine: str(), table: str(), environment: str(), method: str(), url: str(),
  system_prompt: str(),
  temperature: z.number().optional(),
  max_tokens: z.number().int().optional(),
  tools: strings(),
  headers: z.record(z.string(), z.string()).optional(),
  body_template: z.union([z.string(), anyObject]).optional(),
  auth: runtimeAuth.optional(),
  tool: str(),
};

export const fullRuntimeShapeAfterTool = {
  config_path: str(), connection: str(),
  source: anyObject.optional(),
  destination: anyObject.optional(),
};

const runtime = openObject({ ...fullRuntimeShapeToCommand, ...fullRuntimeShapeToTool, ...fullRuntimeShapeAfterTool });

export const fullNodeSchema = openObject({
  id: z.string().min(1),
  name: str(),
  type: z.enum(FULL_NODE_TYPES as [string, ...string[]]),
  subtype: str(), role: str(), owner: str(),
  purpose: z.string().min(1),
  description: str(),
  cost: anyObject.optional(),
  message_contract: anyObject.optional(),
  runtime: runtime.optional(),
  inputs: z.array(ioSpec).optional(),
  outputs: z.array(ioSpec).optional(),
  success_criteria: strings(),
  failure_modes: strings(),
  retry_policy: retryPolicy.optional(),
  timeout_sec: z.number().min(0).optional(),
  idempotency: idempotencyPolicy.optional(),
  handoff: handoffSpec.optional(),
  explain: explainSpec.optional(),
  observability: observabilityNode.optional(),
  security: securityNode.optional(),
  approval_gate: z.union([z.boolean(), approvalGate]).optional(),
  parent: str(),
  spawn_policy: spawnPolicy.optional(),
  workflow_ref: str(),
  workflow_inputs: anyObject.optional(),
});

/**
 * The Full edge's keys up to `iterator_var` and from `join_mode` on, in the schema's own order.
 * The sopflow edge spreads them (with `max_iterations` between) and overrides the modes it widens.
 */
export const fullEdgeShapeBeforeJoin = {
  from: z.string(),
  to: z.string(),
  mode: z.enum(OSOP_FULL_EDGE_MODE_ORDER).optional(),
  when: str(), condition: str(),
  explain: explainSpec.optional(),
  label: str(),
  spawn_count: z.number().int().min(1).optional(),
  for_each: str(), iterator_var: str(),
};

export const fullEdgeShapeFromJoin = {
  join_mode: z.enum(['wait_all', 'wait_any', 'wait_n']).optional(),
  join_count: z.number().int().min(1).optional(),
  cases: z.array(switchCase).optional(),
  default_to: str(),
};

export const fullEdgeSchema = closedObject({ ...fullEdgeShapeBeforeJoin, ...fullEdgeShapeFromJoin });

/**
 * The Full root's keys before `nodes` and after `edges`, in the schema's own order. The sopflow
 * root spreads them and overrides what it widens, so both roots keep one list and one key order.
 */
export const fullRootShapeBeforeGraph = {
  osop_version: z.string().regex(VERSION_PATTERN),
  id: z.string().min(1),
  name: z.string().min(1),
  description: str(), owner: str(),
  visibility: z.enum(['public', 'private']).optional(),
  tags: strings(),
  status: z.enum(['draft', 'active', 'deprecated', 'template']).optional(),
  usage: z.enum(['plan', 'execution', 'template', 'reference']).optional(),
  workflow_type: closedObject({ primary: z.string(), secondary: strings() }).optional(),
  extends: str(),
  metadata: openObject({
    created_at: dateTimeString().optional(), updated_at: dateTimeString().optional(),
    version: str(), change_summary: str(),
  }).optional(),
  schemas: z.record(z.string(), anyObject).optional(),
  roles: strings(),
  triggers: z.array(trigger).optional(),
  variables: anyObject.optional(),
  imports: z.array(uriReferenceString()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  platforms: z.array(z.enum(['linux', 'windows', 'macos', 'ios', 'android', 'web', 'any'])).optional(),
  conformance_level: conformanceLevel.optional(),
  version: str(),
  timeout_sec: z.number().min(0).optional(),
};

export const fullRootShapeAfterGraph = {
  message_contracts: z.array(messageContract).optional(),
  tests: z.array(testCase).optional(),
  views: z.array(z.enum(['graph', 'story', 'role', 'debug', 'agent'])).optional(),
  security: securityPolicy.optional(),
  observability: observabilityPolicy.optional(),
  evolution: evolutionPolicy.optional(),
  ledger: ledgerPolicy.optional(),
};

export const fullWorkflowSchema = closedObject({
  ...fullRootShapeBeforeGraph,
  nodes: z.array(fullNodeSchema).min(1),
  edges: z.array(fullEdgeSchema).min(1),
  ...fullRootShapeAfterGraph,
});
