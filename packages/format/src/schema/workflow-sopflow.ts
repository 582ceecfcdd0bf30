import { z } from 'zod';
import { EDGE_MODES, JOIN_MODES } from '../model/edge-mode.js';
import { anyObject, closedObject, openObject } from './closed-object.js';
import { str, strings } from './optional-string.js';
import { fullEdgeShapeBeforeJoin, fullEdgeShapeFromJoin, fullRootShapeAfterGraph, fullRootShapeBeforeGraph } from './workflow-full.js';
import { duration, failureMode, ioSpec, sopflowNodeSchema } from './workflow-sopflow-node.js';

/**
 * sopflow's default level: accepts OSOP Core and Full documents, the SOP-graph style and the
 * sopflow extensions (ARCHITECTURE §1). Roots and edges stay closed (typos are caught, with a
 * "did you mean"); nodes stay open like OSOP's. Value ranges (timeouts, confidence, semver) are
 * left to the semantic rules, which give them their own codes.
 */

export const sopflowEdgeSchema = closedObject({
  ...fullEdgeShapeBeforeJoin,
  mode: z.enum(EDGE_MODES as unknown as [string, ...string[]]).optional(),
  max_iterations: z.number().int().optional(),
  ...fullEdgeShapeFromJoin,
  join_mode: z.enum(JOIN_MODES as unknown as [string, ...string[]]).optional(),
  join_count: z.number().int().optional(),
  error_codes: strings(),
  error_code: str(),
  event: str(), signal: str(), message: str(),
  weight: z.number().min(0).optional(),
});

/** Trigger types from the Full schema, the log schema and SPEC/glossary (OSOP-NOTES §7.8). */
export const TRIGGER_TYPES = ['cron', 'webhook', 'git_push', 'manual', 'event', 'api', 'replay', 'transcript_capture', 'schedule', 'file_watch'] as const;
const trigger = openObject({ type: z.enum(TRIGGER_TYPES), config: anyObject.optional() });

export const sopflowWorkflowSchema = closedObject({
  ...fullRootShapeBeforeGraph,
  status: z.enum(['draft', 'active', 'deprecated', 'template', 'archived']).optional(),
  triggers: z.array(trigger).optional(),
  timeout_sec: z.number().optional(),
  timeout: duration.optional(),
  nodes: z.array(sopflowNodeSchema).min(1),
  edges: z.array(sopflowEdgeSchema).optional(),
  ...fullRootShapeAfterGraph,
  // Fields docs/SPEC.md lists at the top level (OSOP-NOTES §7.7), tolerated here.
  inputs: z.array(ioSpec).optional(),
  outputs: z.array(ioSpec).optional(),
  contracts: z.unknown().optional(),
  retry: anyObject.optional(),
  extensions: z.unknown().optional(),
  // sopflow / SOP-graph extensions (ARCHITECTURE §1).
  entry_point: str(),
  exit_conditions: z.array(z.union([z.string(), openObject({ id: str(), node: str(), when: str(), outcome: str(), description: str() })])).optional(),
  escalation_paths: z.union([
    z.array(z.union([z.string(), openObject({ id: str(), to: str(), role: str(), description: str() })])),
    anyObject,
  ]).optional(),
  failure_modes: z.array(failureMode).optional(),
  audit_requirements: z.array(z.union([z.string(), openObject({ id: str(), description: str(), level: z.enum(['none', 'summary', 'full']).optional() })])).optional(),
  trigger_conditions: z.unknown().optional(),
  certification_status: z.enum(['uncertified', 'in_review', 'certified', 'revoked']).optional(),
  jurisdiction: z.union([z.string(), z.array(z.string())]).optional(),
  lifecycle: z.enum(['draft', 'active', 'archived']).optional(),
  workstream: str(),
  auth_levels: strings(),
  allowed_hosts: strings(),
});
