import { z } from 'zod';
import { anyObject, closedObject, openObject } from './closed-object.js';
import { withJsonSchema } from './json-schema-hints.js';
import { str, strings } from './optional-string.js';

/** Sub-objects of OSOP's osop.schema.json `$defs`, mirrored keyword for keyword. */

export const explainSpec = z.union([
  z.string(),
  closedObject({ why: str(), what: str(), result: str() }),
]);

export const ioSpec = z.union([
  z.string(),
  openObject({ name: z.string(), schema: str(), required: z.boolean().optional(), description: str(), explain: explainSpec.optional() }),
]);

export const trigger = closedObject({
  type: z.enum(['cron', 'webhook', 'git_push', 'manual', 'event']),
  config: anyObject.optional(),
});

export const retryPolicy = closedObject({
  max_retries: z.number().min(0).optional(),
  strategy: z.enum(['fixed', 'exponential_backoff']).optional(),
  backoff_sec: z.number().min(0).optional(),
});

export const idempotencyPolicy = closedObject({ enabled: z.boolean().optional(), key: str() });

export const handoffSpec = openObject({
  summary_for_next_node: str(), expected_output: str(), escalation: str(), from: str(), context_keys: strings(),
});

export const observabilityNode = closedObject({
  log: z.boolean().optional(),
  metrics: z.array(z.enum(['duration_ms', 'retry_count', 'success_rate', 'cost_units'])).optional(),
});

export const securityNode = openObject({
  permissions: strings(), secrets: strings(), credentials: strings(),
  risk_level: str(), access_control: str(), data_classification: str(), encryption: str(),
  model_governance: z.union([z.string(), anyObject]).optional(),
});

export const approvalGate = openObject({
  required: z.boolean().optional(), approver_role: str(), approvers: strings(),
  timeout_hours: z.number().optional(), bypass_allowed: z.boolean().optional(), mandatory: z.boolean().optional(),
});

export const spawnPolicy = closedObject({
  max_children: z.number().int().min(1).optional(),
  child_tools: strings(),
  can_spawn_children: z.boolean().optional(),
}, { allowExtensions: false });

export const runtimeAuth = closedObject({ type: str(), secret_ref: str() });

export const messageContract = closedObject({
  id: z.string(), producer: z.string(), consumer: z.string(),
  kind: z.enum(['task', 'result', 'state', 'error', 'event']),
  format: z.enum(['json', 'text']),
  schema_ref: str(),
  semantics: anyObject.optional(),
});

export const testCase = closedObject({
  id: z.string(),
  type: z.enum(['unit', 'integration', 'e2e', 'simulation']),
  target_node: str(),
  run: z.enum(['full_workflow']).optional(),
  input: anyObject.optional(), expect: anyObject.optional(), mocks: anyObject.optional(), failure_injection: anyObject.optional(),
});

export const observabilityPolicy = openObject({
  emit_events: z.boolean().optional(),
  trace_id_required: z.boolean().optional(),
  default_log_level: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  log_level: str(),
  tracing: z.union([z.boolean(), anyObject]).optional(),
  audit_trail: z.union([z.string(), z.boolean(), anyObject]).optional(),
});

export const securityPolicy = closedObject({ secrets_provider: str(), default_permissions: strings(), approval_required_for: strings() });

export const evolutionPolicy = closedObject({
  enabled: z.boolean().optional(),
  strategy: z.enum(['ai_assisted', 'manual']).optional(),
  feedback_sources: z.array(z.enum(['logs', 'metrics', 'human_feedback'])).optional(),
  output: closedObject({
    mode: z.enum(['pull_request', 'patch_only']).optional(),
    require_human_approval: z.boolean().optional(),
  }).optional(),
});

export const ledgerPolicy = openObject({ enabled: z.boolean().optional(), store: str(), storage: str(), artifact_store: str() });

export const switchCase = openObject({ value: z.unknown().optional(), to: z.string() });

/** `conformance_level`: `type: integer` + `enum: [0, 1, 2, 3]`, so a string is a type error and 5 an enum error, as in ajv. */
export const conformanceLevel = withJsonSchema(z.number().int().superRefine((value, ctx) => {
  if (![0, 1, 2, 3].includes(value)) {
    ctx.addIssue({ code: 'custom', input: value, message: `${value} is not one of 0, 1, 2, 3`, params: { keyword: 'enum', values: ['0', '1', '2', '3'] } });
  }
}), { enum: [0, 1, 2, 3] });
