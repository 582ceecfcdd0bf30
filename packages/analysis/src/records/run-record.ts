/**
 * The common run-record model: what one execution of a process did, whatever produced it
 * (sopflow's engine, an `.osoplog` from another tool, an agent transcript, an event log).
 * Plain data; every analysis function (diff, stats, deviations, debrief, synthesize) reads it.
 */

/** Run statuses of OSOP's log schema plus the published extras (RUNNING, CANCELLED, PENDING). */
export const RUN_STATUSES = ['COMPLETED', 'FAILED', 'TIMEOUT', 'COST_LIMIT', 'BLOCKED', 'DRY_RUN', 'RUNNING', 'CANCELLED', 'PENDING'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_STATUSES = ['COMPLETED', 'FAILED', 'SKIPPED', 'DRY_RUN', 'TIMEOUT', 'ERROR', 'BLOCKED', 'RUNNING', 'CANCELLED', 'PENDING'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface RunRecord {
  runId: string;
  workflowId: string;
  workflowVersion?: string;
  status: RunStatus;
  /** Business outcome when the record carries one ("success", "readmitted", ...); see `isGoodOutcome`. */
  outcome?: string;
  /** ISO-8601 timestamps as written in the source. */
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** Team, shift or site the run belongs to (for `debrief --by team`). */
  team?: string;
  /** Who or what started the run. */
  actor?: string;
  inputs?: Record<string, unknown>;
  steps: StepRecord[];
  costUsd?: number;
  agent?: string;
  model?: string;
  sessionId?: string;
  /** Where the record came from (a file name), for messages. */
  source?: string;
  /** Keys the model does not interpret, kept verbatim. */
  extra: Record<string, unknown>;
}

/** One attempt of one step. A step retried twice appears as three records with attempts 1, 2, 3. */
export interface StepRecord {
  nodeId: string;
  /** The label process mining uses (defaults to nodeId; transcripts set e.g. `verify:test`). */
  activity: string;
  name?: string;
  /** The node type as recorded (`event` and other non-schema types are kept). */
  type?: string;
  role?: string;
  /** Who actually did it: a person, an agent, a service. */
  resource?: string;
  status: StepStatus;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  attempt: number;
  error?: StepError;
  /** The choice a decision step made, or an approval's verdict ("approved", "rejected"). */
  decision?: string;
  approver?: string;
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  toolCalls: ToolCallRecord[];
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** Transcript phase (explore, edit, verify, ship) when known. */
  phase?: string;
  files?: string[];
  confidence?: number;
  extra: Record<string, unknown>;
}

export interface StepError {
  code?: string;
  message: string;
}

export interface ToolCallRecord {
  tool: string;
  status?: 'COMPLETED' | 'FAILED' | 'TIMEOUT';
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  input?: Record<string, unknown>;
  output?: string;
  isError?: boolean;
}

const GOOD_OUTCOMES = new Set(['success', 'succeeded', 'successful', 'good', 'positive', 'ok', 'resolved', 'completed', 'pass', 'passed']);
const BAD_OUTCOMES = new Set(['failure', 'failed', 'bad', 'negative', 'error', 'unresolved', 'fail', 'harm', 'adverse']);

/**
 * Pure; whether a run ended well: its `outcome` when it names a known good or bad word, otherwise
 * its status (COMPLETED is good). Pass your own predicate to debrief for other vocabularies.
 */
export function isGoodOutcome(record: RunRecord): boolean {
  const outcome = record.outcome?.trim().toLowerCase();
  if (outcome !== undefined && GOOD_OUTCOMES.has(outcome)) return true;
  if (outcome !== undefined && BAD_OUTCOMES.has(outcome)) return false;
  return record.status === 'COMPLETED';
}

/** Pure; epoch milliseconds of an ISO timestamp, or undefined when absent or unreadable. */
export function toEpochMs(timestamp: string | undefined): number | undefined {
  if (timestamp === undefined) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Pure; a step's duration: `durationMs`, else ended − started. */
export function stepDurationMs(step: StepRecord): number | undefined {
  if (step.durationMs !== undefined) return step.durationMs;
  const start = toEpochMs(step.startedAt);
  const end = toEpochMs(step.endedAt);
  return start !== undefined && end !== undefined && end >= start ? end - start : undefined;
}

/** Pure; whether a step actually ran (skipped, blocked and pending steps did not). */
export function stepRan(step: StepRecord): boolean {
  return step.status !== 'SKIPPED' && step.status !== 'BLOCKED' && step.status !== 'PENDING' && step.status !== 'DRY_RUN';
}

/** Pure; whether a step attempt failed. */
export function stepFailed(step: StepRecord): boolean {
  return step.status === 'FAILED' || step.status === 'ERROR' || step.status === 'TIMEOUT';
}

/** Pure; the activities of the steps that ran, in start order (stable for equal or missing times). */
export function executedSteps(record: RunRecord): StepRecord[] {
  const ran = record.steps.map((step, index) => ({ step, index })).filter(({ step }) => stepRan(step));
  ran.sort((a, b) => {
    const ta = toEpochMs(a.step.startedAt);
    const tb = toEpochMs(b.step.startedAt);
    if (ta !== undefined && tb !== undefined && ta !== tb) return ta - tb;
    return a.index - b.index;
  });
  return ran.map(({ step }) => step);
}

/** Pure; a step record with defaults filled in (tests and importers). */
export function createStepRecord(fields: Partial<StepRecord> & { nodeId: string }): StepRecord {
  return { activity: fields.nodeId, status: 'COMPLETED', attempt: 1, toolCalls: [], extra: {}, ...fields };
}

/** Pure; a run record with defaults filled in (tests and importers). */
export function createRunRecord(fields: Partial<RunRecord> & { runId: string }): RunRecord {
  return { workflowId: 'unknown', status: 'COMPLETED', steps: [], extra: {}, ...fields };
}
