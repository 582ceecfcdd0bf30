import { DELEGATION_STATES, type DelegationState, type Workflow, type WorkflowNode } from '@sopflow/format';
import type { RoutineRow, SopRow, SopRunWithStatus, SopVersionRow } from '@sopflow/store';
import type { StepLiveState, StepView } from '../runs/run-views.js';
import type { SopInputView } from './routine-inputs.js';

/** An SOP in the library list (the Process OS reference's `SopSummary`). */
export interface SopSummary {
  id: string;
  title: string;
  description: string | null;
  status: string;
  workstreamId: string | null;
  workflowId: string;
  allowOverlap: boolean;
  /** Listed in the tenant's public `.sop` collection while active (an explicit choice: setSopPublic). */
  public: boolean;
  version: { id: string; semver: string; contentHash: string; certification: string; approvedBy: string | null; approvedAt: string | null };
  createdAt: string;
  updatedAt: string;
  /** Steps (nodes) in the current version's workflow. */
  stepCount: number;
  /** The current version's steps counted by delegation state (delegationStateOf): the library's delegation mix. */
  delegation: DelegationMix;
  /** The SOP's newest run (null before the first). */
  lastRun: SopRunRef | null;
}

/** A run as the library shows it: which, how it stands, when. */
export interface SopRunRef { id: string; status: string; startedAt: string; endedAt: string | null }

/** What the library adds to an SOP row: its step count, delegation mix and newest run. */
export interface SopActivity { stepCount: number; delegation: DelegationMix; lastRun: SopRunRef | null }

export type { DelegationState };

/** How many steps stand at each delegation state (every state present, 0 when none). */
export type DelegationMix = Readonly<Record<DelegationState, number>>;

/** One ordered step of an SOP with its live state in the run in flight (or the latest run). */
export interface SopStep {
  id: string;
  title: string;
  /** 1-based, in the workflow's step order. */
  sequence_order: number;
  role: string | null;
  type: string;
  delegation_state: DelegationState;
  state: StepLiveState;
}

export interface SopRunHandle { id: string; runId: string; status: string; startedAt: string; endedAt: string | null; trigger: string }

/** An SOP with its steps, its run handle and routine (the reference's `SopDetail`). */
export interface SopDetail extends SopSummary {
  steps: SopStep[];
  run: SopRunHandle | null;
  /** The 20 most recent runs, newest first. */
  runs: SopRunHandle[];
  /** The current version's declared run inputs (a routine's or a run's form is made from them). */
  inputs: SopInputView[];
  routine: {
    enabled: boolean; schedule: string; timezone: string; overlap: string; nextFireAt: string | null; lastFiredAt: string | null; inputs: Record<string, unknown>;
  } | null;
}

/** Pure; the SOP row, its current version and its activity as a summary. */
export function sopSummary(sop: SopRow, version: SopVersionRow, activity: SopActivity): SopSummary {
  return {
    id: sop.id, title: sop.title, description: sop.description, status: sop.status, workstreamId: sop.workstreamId, workflowId: sop.workflowId,
    allowOverlap: sop.allowOverlap, public: sop.isPublic,
    version: { id: version.id, semver: version.semver, contentHash: version.contentHash, certification: version.certification, approvedBy: version.approvedBy, approvedAt: version.approvedAt },
    createdAt: sop.createdAt, updatedAt: sop.updatedAt, stepCount: activity.stepCount, delegation: activity.delegation, lastRun: activity.lastRun,
  };
}

/** Pure; a linked run as the library's reference to it. */
export function runRef(run: SopRunWithStatus): SopRunRef {
  return { id: run.runId, status: run.status, startedAt: run.startedAt, endedAt: run.endedAt };
}

/**
 * Pure; where a step stands on the way to delegation: its `delegation_state` when the process
 * states one (a promotion or demotion writes it), else by the step type: people's steps
 * `human_only`, agent steps `agent_supervised`, automated steps (system, cli, api, …) `agent_autonomous`.
 */
export function delegationStateOf(node: WorkflowNode): DelegationState {
  if (node.delegationState !== undefined) return node.delegationState;
  if (node.type === 'human') return 'human_only';
  if (node.type === 'agent') return 'agent_supervised';
  return 'agent_autonomous';
}

/** Pure; the workflow's steps counted by delegationStateOf. */
export function delegationMixOf(workflow: Workflow): DelegationMix {
  const mix = Object.fromEntries(DELEGATION_STATES.map((state) => [state, 0])) as Record<DelegationState, number>;
  for (const node of workflow.nodes) mix[delegationStateOf(node)] += 1;
  return mix;
}

/** Pure; the SOP's steps in workflow order with each one's live state from `states` (all `todo` without a run). */
export function sopSteps(workflow: Workflow, states: readonly StepView[] | undefined): SopStep[] {
  return workflow.nodes.map((node, index): SopStep => ({
    id: node.id, title: node.name, sequence_order: index + 1, role: node.role ?? null, type: node.type, delegation_state: delegationStateOf(node),
    state: states?.find((s) => s.id === node.id)?.state ?? 'todo',
  }));
}

/** Pure; the run handle of a linked run. */
export function runHandle(run: SopRunWithStatus): SopRunHandle {
  return { id: run.runId, runId: run.runId, status: run.status, startedAt: run.startedAt, endedAt: run.endedAt, trigger: run.trigger };
}

/** Pure; a routine row as the detail shows it. */
export function routineOfRow(row: RoutineRow | undefined): SopDetail['routine'] {
  return row === undefined ? null : {
    enabled: row.enabled, schedule: row.schedule, timezone: row.timezone, overlap: row.overlap, nextFireAt: row.nextFireAt, lastFiredAt: row.lastFiredAt, inputs: row.inputs,
  };
}

/** How long a run link may wait for its run to be recorded before it no longer counts (a start that crashed half-way). */
const STARTING_GRACE_MS = 60_000;

/** Pure; true for a run still going (running or waiting), or being started right now. */
export function isInFlight(run: { status: string; createdAt: string }, now: Date = new Date()): boolean {
  if (run.status === 'starting') return now.getTime() - Date.parse(run.createdAt) < STARTING_GRACE_MS;
  return run.status === 'running' || run.status === 'waiting';
}
