import type { Diagnostic } from '@sopflow/format';
import type { RunRecord, StepRecord } from '../records/run-record.js';
import { toEpochMs } from '../records/run-record.js';
import type { ExecutionLogObject } from '../records/write-osoplog.js';
import { recordToOsoplog } from '../records/write-osoplog.js';
import { classifyToolCall, filesTouched } from './tool-activity.js';
import type { TokenUsage } from './read-transcript-lines.js';
import { readTranscriptLines } from './read-transcript-lines.js';

export interface ImportTranscriptOptions {
  /** Run id; defaults to the session id, then `claude-code-session`. */
  runId?: string;
  workflowId?: string;
  file?: string;
  /** Tool output kept per call (characters; default 400). */
  maxOutputChars?: number;
  /** Largest transcript read (default 64 MiB). */
  maxBytes?: number;
}

export interface ImportTranscriptResult {
  /** The `.osoplog` object (valid under OSOP's log schema). */
  log: ExecutionLogObject;
  /** The same run in the analysis model. */
  record: RunRecord;
  diagnostics: Diagnostic[];
}

interface PendingCall {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  startedAt?: string;
  messageKey: string;
  model?: string;
  line: number;
  sidechain: boolean;
  result?: { endedAt?: string; isError: boolean; content: string };
}

/**
 * Pure; a Claude Code session transcript (JSONL) → an execution log with one node record per tool
 * call: tool name, activity and phase (explore, edit, verify, ship, other), files touched, duration
 * (tool_use → tool_result timestamps), outcome (`is_error`), tokens (the assistant message's usage
 * split evenly over the tool calls it made). Malformed lines become diagnostics with line numbers.
 * Calls a sub-agent made inline (`isSidechain`) are kept, marked `sidechain: true`.
 * The run's outcome is `success` when the last test run passed, `failure` when it failed, and
 * absent when no test ran.
 */
export function importClaudeCodeTranscript(jsonlText: string, options: ImportTranscriptOptions = {}): ImportTranscriptResult {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const diagnostics: Diagnostic[] = [];
  const text = jsonlText.length > maxBytes ? jsonlText.slice(0, 0) : jsonlText;
  if (jsonlText.length > maxBytes) {
    diagnostics.push({ code: 'transcript-too-large', severity: 'error', message: `transcript is ${jsonlText.length} characters; the limit is ${maxBytes}`, file: options.file, line: 0, column: 0 });
  }
  const read = readTranscriptLines(text, options.file);
  diagnostics.push(...read.diagnostics);
  const { entries } = read;
  const calls = new Map<string, PendingCall>();
  const usageByMessage = new Map<string, TokenUsage>();
  const callsByMessage = new Map<string, string[]>();
  let task: string | undefined;
  const summaries: string[] = [];
  for (const entry of entries) {
    const messageKey = entry.messageId ?? entry.uuid ?? `line-${entry.line}`;
    if (entry.kind === 'summary' && entry.summary !== undefined) summaries.push(entry.summary);
    if (entry.kind === 'assistant' && entry.usage !== undefined) usageByMessage.set(messageKey, entry.usage);
    for (const block of entry.blocks) {
      if (block.type === 'text' && entry.kind === 'user' && task === undefined && block.text.trim() !== '') task = block.text.trim().slice(0, 300);
      if (block.type === 'tool_use') {
        if (calls.has(block.id)) {
          diagnostics.push(diag(options.file, entry.line, 'transcript-duplicate-tool-use', `tool_use id ${block.id} appears again; the later one is ignored`));
          continue;
        }
        calls.set(block.id, { id: block.id, tool: block.name, input: block.input, startedAt: entry.timestamp, messageKey, model: entry.model, line: entry.line, sidechain: entry.sidechain });
        callsByMessage.set(messageKey, [...(callsByMessage.get(messageKey) ?? []), block.id]);
      }
      if (block.type === 'tool_result') {
        const call = calls.get(block.toolUseId);
        if (call === undefined) {
          diagnostics.push(diag(options.file, entry.line, 'transcript-orphan-result', `tool_result for unknown tool_use id ${block.toolUseId}; ignored`));
        } else {
          call.result = { endedAt: entry.timestamp, isError: block.isError, content: block.content };
        }
      }
    }
  }
  const first = entries.find((e) => e.timestamp !== undefined);
  const last = [...entries].reverse().find((e) => e.timestamp !== undefined);
  const cwd = entries.find((e) => e.cwd !== undefined)?.cwd;
  const sessionId = entries.find((e) => e.sessionId !== undefined)?.sessionId;
  const tokenShare = shareTokens(callsByMessage, usageByMessage);
  const maxOutput = options.maxOutputChars ?? 400;
  const steps: StepRecord[] = [];
  const attemptsByActivity = new Map<string, number>();
  let index = 0;
  for (const call of calls.values()) {
    index += 1;
    const { phase, activity } = classifyToolCall(call.tool, call.input);
    if (call.result === undefined) {
      diagnostics.push(diag(options.file, call.line, 'transcript-no-result', `tool_use ${call.id} (${call.tool}) has no tool_result; recorded as FAILED`));
    }
    const failed = call.result === undefined || call.result.isError;
    const start = toEpochMs(call.startedAt);
    const end = toEpochMs(call.result?.endedAt);
    const durationMs = start !== undefined && end !== undefined && end >= start ? end - start : undefined;
    const share = tokenShare.get(call.id);
    const attempt = (attemptsByActivity.get(activity) ?? 0) + 1;
    attemptsByActivity.set(activity, attempt);
    const output = call.result?.content.slice(0, maxOutput);
    steps.push({
      nodeId: `call-${String(index).padStart(3, '0')}`,
      activity,
      name: describeCall(call.tool, call.input, cwd),
      type: call.tool === 'Bash' ? (phase === 'ship' ? 'git' : 'cli') : 'agent',
      role: 'agent',
      resource: 'claude-code',
      status: failed ? 'FAILED' : 'COMPLETED',
      startedAt: call.startedAt,
      endedAt: call.result?.endedAt,
      durationMs,
      attempt,
      error: failed ? { code: call.result === undefined ? 'no_result' : 'tool_error', message: (output ?? 'no tool_result').slice(0, 200) || 'tool error' } : undefined,
      model: call.model,
      inputTokens: share?.input,
      outputTokens: share?.output,
      toolCalls: [{
        tool: call.tool, startedAt: call.startedAt, endedAt: call.result?.endedAt, durationMs,
        status: failed ? 'FAILED' : 'COMPLETED', input: truncateInput(call.input), output, isError: call.result?.isError,
      }],
      phase,
      files: filesTouched(call.input, cwd),
      extra: call.sidechain ? { sidechain: true } : {},
    });
  }
  const totals = [...usageByMessage.values()].reduce((t, u) => ({
    input: t.input + u.input, output: t.output + u.output, cacheRead: t.cacheRead + u.cacheRead, cacheCreation: t.cacheCreation + u.cacheCreation,
  }), { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 });
  const tests = steps.filter((s) => s.activity === 'verify:test');
  const lastTest = tests[tests.length - 1];
  const record: RunRecord = {
    runId: options.runId ?? sessionId ?? 'claude-code-session',
    workflowId: options.workflowId ?? 'claude-code-session',
    status: entries.length === 0 ? 'FAILED' : 'COMPLETED',
    outcome: lastTest === undefined ? undefined : lastTest.status === 'COMPLETED' ? 'success' : 'failure',
    startedAt: first?.timestamp,
    endedAt: last?.timestamp,
    steps,
    agent: 'claude-code',
    model: mostCommon(entries.map((e) => e.model)),
    sessionId,
    source: options.file,
    extra: clean({
      trigger: { type: 'transcript_capture', source: 'claude-code' },
      task,
      result_summary: summaries.length > 0 ? summaries.join(' / ') : undefined,
      workspace: cwd === undefined ? undefined : clean({ cwd, git_branch: entries.find((e) => e.gitBranch)?.gitBranch }),
      tokens: { input: totals.input, output: totals.output, cache_read: totals.cacheRead, cache_creation: totals.cacheCreation },
    }),
  };
  const log = recordToOsoplog(record);
  if (isRecordObject(log.runtime)) log.runtime.source = 'transcript-parser';
  return { log, record, diagnostics };
}

function shareTokens(callsByMessage: Map<string, string[]>, usage: Map<string, TokenUsage>): Map<string, { input: number; output: number }> {
  const shares = new Map<string, { input: number; output: number }>();
  for (const [message, ids] of callsByMessage) {
    const u = usage.get(message);
    if (u === undefined) continue;
    const input = u.input + u.cacheRead + u.cacheCreation;
    ids.forEach((id, i) => {
      const part = (total: number): number => Math.floor(total / ids.length) + (i === 0 ? total % ids.length : 0);
      shares.set(id, { input: part(input), output: part(u.output) });
    });
  }
  return shares;
}

function describeCall(tool: string, input: Record<string, unknown>, cwd?: string): string {
  const command = typeof input.command === 'string' ? input.command : undefined;
  if (command !== undefined) return `${tool}: ${command.length > 60 ? `${command.slice(0, 57)}...` : command}`;
  const file = filesTouched(input, cwd)[0];
  return file === undefined ? tool : `${tool} ${file}`;
}

function truncateInput(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    out[k] = typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…` : typeof v === 'object' && v !== null ? '[object]' : v;
  }
  return out;
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function diag(file: string | undefined, line: number, code: string, message: string): Diagnostic {
  return { code, severity: 'warning', message, file, line, column: 1 };
}

function clean(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
