import { z } from 'zod';
import { FULL_NODE_TYPES, NODE_TYPES } from '../model/node-type.js';
import { openObject } from './closed-object.js';
import { dateTimeString, VERSION_PATTERN } from './formats.js';
import { str } from './optional-string.js';

/**
 * The `.osoplog` schema at two levels: `osop` mirrors osop-spec's osoplog.schema.json keyword for
 * keyword; `sopflow` also tolerates what published logs and docs use (OSOP-NOTES §7.4/§7.5):
 * `error` as an object, the 16 node types (`event`), run statuses RUNNING / CANCELLED / PENDING /
 * TIMED_OUT, mode `simulated`, and any trigger type.
 */
const nonNegativeInt = () => z.number().int().min(0).optional();

function logSchema(level: 'osop' | 'sopflow') {
  const tolerant = level === 'sopflow';
  const runStatuses = ['COMPLETED', 'FAILED', 'TIMEOUT', 'COST_LIMIT', 'BLOCKED', 'DRY_RUN'];
  const nodeStatuses = ['COMPLETED', 'FAILED', 'SKIPPED', 'DRY_RUN', 'TIMEOUT', 'ERROR', 'BLOCKED', 'RUNNING'];
  const extraStatuses = ['RUNNING', 'CANCELLED', 'PENDING', 'TIMED_OUT'];
  const triggerTypes = ['manual', 'cron', 'webhook', 'git_push', 'event', 'api', 'replay', 'transcript_capture'];

  const toolCall = openObject({
    tool: z.string().min(1),
    started_at: dateTimeString().optional(), ended_at: dateTimeString().optional(),
    duration_ms: nonNegativeInt(),
    status: z.enum(['COMPLETED', 'FAILED', 'TIMEOUT']).optional(),
    input: openObject({}).optional(),
    output: str(),
    is_error: z.boolean().optional(),
  });
  const toolUsage = openObject({
    tool: z.string().min(1),
    calls: z.number().int().min(1).optional(),
    details: z.array(openObject({ file: str(), lines_changed: nonNegativeInt(), command: str(), result: str() })).optional(),
  });
  const nodeRecord = openObject({
    node_id: z.string().min(1),
    node_type: z.enum((tolerant ? NODE_TYPES : FULL_NODE_TYPES) as [string, ...string[]]).optional(),
    attempt: z.number().int().min(1).optional(),
    status: z.enum((tolerant ? [...new Set([...nodeStatuses, ...extraStatuses])] : nodeStatuses) as [string, ...string[]]).optional(),
    started_at: dateTimeString().optional(), ended_at: dateTimeString().optional(),
    duration_ms: nonNegativeInt(),
    inputs: openObject({}).optional(), outputs: openObject({}).optional(),
    ai_metadata: openObject({ model: str(), provider: str(), prompt_tokens: nonNegativeInt(), completion_tokens: nonNegativeInt() }).optional(),
    tools_used: z.array(toolUsage).optional(),
    tool_calls: z.array(toolCall).optional(),
    error: (tolerant ? z.union([z.string(), openObject({ code: str(), message: str() })]) : z.string()).optional(),
    reason: str(), parent_id: str(),
    spawn_index: nonNegativeInt(),
  });
  return openObject({
    osoplog_version: z.string().regex(VERSION_PATTERN),
    run_id: z.string().min(1),
    workflow_id: z.string().min(1),
    mode: z.enum(tolerant ? ['live', 'dry_run', 'simulated'] : ['live', 'dry_run']).optional(),
    status: z.enum((tolerant ? [...runStatuses, ...extraStatuses] : runStatuses) as [string, ...string[]]),
    trigger: openObject({
      type: (tolerant ? z.string() : z.enum(triggerTypes as [string, ...string[]])).optional(),
      actor: str(), timestamp: dateTimeString().optional(), source: str(),
    }).optional(),
    started_at: dateTimeString(),
    ended_at: dateTimeString(),
    duration_ms: z.number().int().min(0),
    runtime: openObject({ agent: str(), model: str(), session_id: str(), source: str() }).optional(),
    node_records: z.array(nodeRecord).optional(),
    result_summary: str(),
    cost: openObject({
      total_usd: z.number().min(0).optional(),
      breakdown: z.array(openObject({ node_id: z.string(), cost_usd: z.number().min(0) })).optional(),
    }).optional(),
  });
}

/** osop-spec's osoplog.schema.json, exactly. */
export const osopLogSchema = logSchema('osop');
/** The log schema sopflow reads by default: OSOP's plus the published quirks. */
export const sopflowLogSchema = logSchema('sopflow');
