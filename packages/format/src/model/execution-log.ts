import type { NodeType } from './node-type.js';

/**
 * What one execution actually did: the `.osoplog` file, key for key as OSOP's osoplog.schema.json
 * (snake_case, as written on disk), widened by the quirks published logs use (OSOP-NOTES §7.4/§7.5).
 * Open like the schema: unknown keys are kept.
 */
export interface ExecutionLog {
  osoplog_version: string;
  run_id: string;
  workflow_id: string;
  mode?: 'live' | 'dry_run' | 'simulated';
  status: RunStatus;
  trigger?: LogTrigger;
  started_at: string;
  ended_at: string;
  duration_ms: number;
  runtime?: { agent?: string; model?: string; session_id?: string; source?: string; [key: string]: unknown };
  node_records?: NodeRecord[];
  result_summary?: string;
  cost?: { total_usd?: number; breakdown?: { node_id: string; cost_usd: number; [key: string]: unknown }[]; [key: string]: unknown };
  [key: string]: unknown;
}

/** OSOP's six run statuses, plus RUNNING / CANCELLED / PENDING / TIMED_OUT seen in OSOP's docs. */
export const RUN_STATUSES = ['COMPLETED', 'FAILED', 'TIMEOUT', 'COST_LIMIT', 'BLOCKED', 'DRY_RUN', 'RUNNING', 'CANCELLED', 'PENDING', 'TIMED_OUT'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const NODE_RECORD_STATUSES = ['COMPLETED', 'FAILED', 'SKIPPED', 'DRY_RUN', 'TIMEOUT', 'ERROR', 'BLOCKED', 'RUNNING', 'CANCELLED', 'PENDING', 'TIMED_OUT'] as const;
export type NodeRecordStatus = (typeof NODE_RECORD_STATUSES)[number];

export interface LogTrigger {
  type?: string;
  actor?: string;
  timestamp?: string;
  source?: string;
  [key: string]: unknown;
}

export interface NodeRecord {
  node_id: string;
  node_type?: NodeType;
  attempt?: number;
  status?: NodeRecordStatus;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  ai_metadata?: { model?: string; provider?: string; prompt_tokens?: number; completion_tokens?: number; [key: string]: unknown };
  tools_used?: { tool: string; calls?: number; details?: Record<string, unknown>[]; [key: string]: unknown }[];
  tool_calls?: ToolCall[];
  /** A message (OSOP's schema) or an object {code, message, …} (OSOP's published logs). */
  error?: string | { code?: string; message?: string; [key: string]: unknown };
  reason?: string;
  parent_id?: string;
  spawn_index?: number;
  [key: string]: unknown;
}

export interface ToolCall {
  tool: string;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  status?: 'COMPLETED' | 'FAILED' | 'TIMEOUT';
  input?: Record<string, unknown>;
  output?: string;
  is_error?: boolean;
  [key: string]: unknown;
}
