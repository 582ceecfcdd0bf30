// The shapes the server answers with (apps/server/src/api-schemas.ts), as the web app reads them.

import type { DelegationState } from '@sopflow/format';

export type StepState = 'todo' | 'now' | 'done' | 'blocked';
export type { DelegationState };

/** How many steps stand at each delegation state (`SopSummary.delegation`: every state, 0 when none). */
export type DelegationMix = Record<DelegationState, number>;

export interface SopVersion {
  id: string; semver: string; contentHash: string; certification: string; approvedBy: string | null; approvedAt: string | null;
}

/** A run as the library references it (`SopSummary.lastRun`). */
export interface RunRef { id: string; status: string; startedAt: string; endedAt: string | null }

export interface RunHandle extends RunRef { runId: string; trigger: string }

export interface SopSummary {
  id: string; title: string; description: string | null; status: string; workstreamId: string | null; workflowId: string;
  allowOverlap: boolean; version: SopVersion; createdAt: string; updatedAt: string;
  /** Steps in the current version's workflow. */
  stepCount: number;
  /** The current version's steps counted by delegation state. */
  delegation: DelegationMix;
  /** The newest run (null before the first). */
  lastRun: RunRef | null;
}

export interface SopStep {
  id: string; title: string; sequence_order: number; role: string | null; type: string; delegation_state: DelegationState; state: StepState;
}

export interface SopDetail extends SopSummary {
  steps: SopStep[];
  run: RunHandle | null;
  /** The 20 most recent runs, newest first. */
  runs: RunHandle[];
  /** The current version's declared run inputs; a `secret` one is never filled by a routine. */
  inputs: SopInput[];
  routine: {
    enabled: boolean; schedule: string; timezone: string; overlap: string; nextFireAt: string | null; lastFiredAt: string | null; inputs: Record<string, unknown>;
  } | null;
}

export interface SopInput { name: string; description: string | null; required: boolean; type: string | null; schema: unknown; secret: boolean }

/** A page of `GET /api/sops`; the first page (no cursor) also has `total` and every later page's cursor, in order. */
export interface SopList { sops: SopSummary[]; nextCursor: string | null; total?: number; pageCursors?: string[] }

export interface Task {
  id: string; runId: string; stepId: string; kind: string; role: string | null; title: string; status: string;
  assignee: string | null; reason: string | null; dueAt: string | null; createdAt: string; form: unknown;
}

export interface RunStep {
  id: string; state: StepState; attempts: number; detail: string;
  /** First scheduled / ended in this run (null while not reached / not ended). */
  startedAt: string | null; endedAt: string | null;
  /** The person who completed it ("wes (entered by ada)" when entered for them), else the executor kind of a machine step; null before anyone did. */
  performedBy: string | null;
}

/** An open task of a run as the run detail lists it: with the agent's proposal and confidence on a review. */
export interface RunTask {
  id: string; run: string; step: string; kind: string; reason: string | null; title: string; role: string | null; assignee: string | null; due_at: string | null;
  proposal: Record<string, unknown> | null; confidence: number | null;
}

export interface RunDetail {
  id: string; runId: string; sopId: string; versionId: string; workflow: string; status: string; started_at: string; ended_at: string | null;
  waiting_for: string[]; trigger: string; startedBy: string; steps: RunStep[]; tasks: RunTask[];
  entered: { task: string; step: string; by: string; entered_by: string }[];
  error: { code: string; message: string } | null;
}

/** One stored event of a run (`GET /api/runs/:id/history`); `data` is the engine's event. */
export interface RunEventView { seq: number; type: string; at: string; data: unknown }

/** A run's audit chain recomputed (`GET /api/runs/:id/audit`). */
export interface AuditReport {
  ok: boolean; runsChecked: number; eventsChecked: number; keyed: boolean; keyId?: string; unkeyedRuns: string[];
  breaks: { runId: string; seq: number; problem: string; message: string }[];
}

export interface Me {
  user: { email: string; tenantId: string; tenantName: string; roles: string[]; accountRoles: string[]; via: string };
  csrfToken: string | null;
  /** This server is also an SOP hub (`sopflow serve --hub`). */
  hub: boolean;
}

export interface Workstream { id: string; name: string; createdAt: string }

/** True while a run is still going (running or waiting for a person or a signal). */
export function isInFlight(status: string | undefined): boolean {
  return status === 'running' || status === 'waiting';
}
