import { createHash } from 'node:crypto';
import type { RunRecord, StepRecord } from '../records/run-record.js';

export interface AnonymiseOptions {
  /** Secret mixed into every hash; the same salt gives the same pseudonyms within an export. */
  salt: string;
  /** Keep step timestamps (default true; durations survive either way). */
  keepTimestamps?: boolean;
}

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/**
 * Pure (deterministic for a given salt); records safe to share: run ids, session ids, actors,
 * approvers, performers, teams, file paths and string inputs become salted pseudonyms (`anon-` + 12 hex digits,
 * stable within the export so patterns still line up); free text (error messages, tool input and
 * output, extra fields) is dropped; emails never survive.
 * Kept: step ids, activities, types, roles, statuses, durations, attempts, numbers, booleans.
 */
export function anonymise(records: readonly RunRecord[], options: AnonymiseOptions): RunRecord[] {
  if (options.salt.length < 8) throw new RangeError('anonymise needs a salt of at least 8 characters');
  const pseudonym = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : `anon-${createHash('sha256').update(`${options.salt}\u0000${value}`).digest('hex').slice(0, 12)}`;
  const keepTime = options.keepTimestamps ?? true;
  return records.map((r) => clean({
    runId: pseudonym(r.runId) as string,
    workflowId: r.workflowId,
    workflowVersion: r.workflowVersion,
    status: r.status,
    outcome: r.outcome === undefined ? undefined : scrub(r.outcome, pseudonym),
    startedAt: keepTime ? r.startedAt : undefined,
    endedAt: keepTime ? r.endedAt : undefined,
    durationMs: r.durationMs,
    team: pseudonym(r.team),
    actor: pseudonym(r.actor),
    inputs: r.inputs === undefined ? undefined : scrubValues(r.inputs, pseudonym),
    steps: r.steps.map((s) => anonymiseStep(s, pseudonym, keepTime)),
    costUsd: r.costUsd,
    agent: r.agent,
    model: r.model,
    sessionId: pseudonym(r.sessionId),
    extra: {},
  }));
}

function anonymiseStep(s: StepRecord, pseudonym: (v: string | undefined) => string | undefined, keepTime: boolean): StepRecord {
  return clean({
    nodeId: s.nodeId, activity: s.activity, type: s.type, role: s.role,
    resource: pseudonym(s.resource), status: s.status, attempt: s.attempt,
    startedAt: keepTime ? s.startedAt : undefined, endedAt: keepTime ? s.endedAt : undefined, durationMs: s.durationMs,
    error: s.error === undefined ? undefined : { ...(s.error.code === undefined ? {} : { code: scrub(s.error.code, pseudonym) }), message: '[redacted]' },
    decision: s.decision === undefined ? undefined : scrub(s.decision, pseudonym),
    approver: pseudonym(s.approver),
    model: s.model, inputTokens: s.inputTokens, outputTokens: s.outputTokens, costUsd: s.costUsd,
    toolCalls: s.toolCalls.map((c) => clean({ tool: c.tool, status: c.status, durationMs: c.durationMs, isError: c.isError })),
    inputs: s.inputs === undefined ? undefined : scrubValues(s.inputs, pseudonym),
    outputs: s.outputs === undefined ? undefined : scrubValues(s.outputs, pseudonym),
    phase: s.phase,
    files: s.files?.map((f) => pseudonym(f) as string),
    confidence: s.confidence,
    extra: {},
  });
}

type Pseudonym = (v: string | undefined) => string | undefined;

/**
 * Categorical words in one case (`approved`, `ESCALATE`, `card_declined`) survive so patterns stay
 * readable; anything else (a capitalised word may be a name, a sentence is free text) becomes a pseudonym.
 */
function scrub(text: string, pseudonym: Pseudonym): string {
  if (EMAIL.test(text)) return pseudonym(text) as string;
  return /^([a-z][a-z0-9_-]{0,31}|[A-Z][A-Z0-9_-]{0,31})$/.test(text) ? text : (pseudonym(text) as string);
}

/** Numbers and booleans survive (amounts, scores); strings become pseudonyms; nested values are dropped. */
function scrubValues(values: Record<string, unknown>, pseudonym: Pseudonym): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
    else if (typeof v === 'string') out[k] = pseudonym(v);
    else out[k] = '[redacted]';
  }
  return out;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
