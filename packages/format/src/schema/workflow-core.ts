import { z } from 'zod';
import { CORE_EDGE_MODES } from '../model/edge-mode.js';
import { CORE_NODE_TYPES } from '../model/node-type.js';
import { anyObject, closedObject, openObject } from './closed-object.js';
import { VERSION_PATTERN } from './formats.js';

/**
 * Mirrors OSOP's osop-core.schema.json (osop-spec@2d28ead) keyword for keyword, so
 * `--compat core` judges a document exactly as OSOP's Core schema does.
 */
const ioSpec = z.union([
  z.string(),
  openObject({ name: z.string(), description: z.string().optional(), required: z.boolean().optional() }),
]);

const runtime = openObject({
  provider: z.string().optional(),
  model: z.string().optional(),
  system_prompt: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().optional(),
  tools: z.array(z.string()).optional(),
  method: z.string().optional(),
  url: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  body_template: z.union([z.string(), anyObject]).optional(),
  command: z.string().optional(),
  shell: z.string().optional(),
});

const retryPolicy = openObject({
  max_retries: z.number().int().min(0).optional(),
  strategy: z.enum(['fixed', 'exponential_backoff']).optional(),
  backoff_sec: z.number().min(0).optional(),
});

export const coreNodeSchema = openObject({
  id: z.string().min(1),
  type: z.enum(CORE_NODE_TYPES as [string, ...string[]]),
  subtype: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  inputs: z.array(ioSpec).optional(),
  outputs: z.array(ioSpec).optional(),
  runtime: runtime.optional(),
  retry_policy: retryPolicy.optional(),
  timeout_sec: z.number().min(0).optional(),
});

export const coreEdgeSchema = closedObject({
  from: z.string(),
  to: z.string(),
  mode: z.enum(CORE_EDGE_MODES as [string, ...string[]]).optional(),
  when: z.string().optional(),
  label: z.string().optional(),
});

export const coreWorkflowSchema = closedObject({
  osop_version: z.string().regex(VERSION_PATTERN),
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(256),
  description: z.string().optional(),
  version: z.string().optional(),
  tags: z.array(z.string()).optional(),
  owner: z.string().optional(),
  nodes: z.array(coreNodeSchema).min(1),
  edges: z.array(coreEdgeSchema),
});
