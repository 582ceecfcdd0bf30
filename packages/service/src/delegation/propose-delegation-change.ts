import { appendFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DelegationPolicy, LadderDecision, StepReadiness } from '@sopflow/analysis';
import { loadWorkflow, stringifyWorkflow, type DelegationState, type Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { Actor } from '../service-context.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readTextFile } from '../records/read-text-file.js';
import type { RecordsContext } from '../records/read-run-records.js';
import { recordsOf } from './delegation-readiness.js';
import { draftWithDelegation } from './draft-version.js';
import { readTrials } from './read-trials.js';

export interface DelegationChangeInput {
  /** The process file; the draft is written next to it, never over it. */
  processPath: string;
  nodeId: string;
  direction: 'promote' | 'demote';
  /** Demotion only: the rung to go back to (default one down, or what the evidence says). */
  to?: DelegationState;
  /** Why, in the proposer's words (required). */
  reason: string;
  /** Propose without the evidence the ladder asks for: an admin of the store's directory only, recorded as such. */
  override?: boolean;
  sources: readonly RecordSource[];
  eventLog?: EventLogOptions;
  policy?: Partial<DelegationPolicy>;
  trials?: { name: string; text: string };
  /** Who proposes when no directory is open (the OS account), recorded as unverified. */
  osUser?: string;
  /** When the decision is recorded (default now). */
  at?: string;
}

/** The proposal as recorded: the change, who proposed it, and the evidence it rests on. */
export interface DelegationDecision {
  at: string;
  status: 'proposed';
  workflow: string;
  fromVersion?: string;
  toVersion: string;
  draft: string;
  nodeId: string;
  direction: 'promote' | 'demote';
  from: DelegationState;
  to: DelegationState;
  reason: string;
  by: string;
  byVerified: boolean;
  override: boolean;
  evidence: { runs: number; executions: number; summary: string[]; ladder?: LadderDecision };
  notes: string[];
}

const ORDER: readonly DelegationState[] = ['human_only', 'trialing', 'agent_supervised', 'agent_autonomous'];

/**
 * Proposes moving one step a rung up or down the delegation ladder: writes the process as a new
 * draft version (`NAME.vX.Y.Z.osop`; an existing file is never overwritten) and appends the decision
 * with its evidence to `NAME.delegation-decisions.jsonl`; a person approves it by publishing the draft.
 * Refused with `conflict` when the evidence does not allow it (with what is missing) unless
 * `override`, which needs an admin (`unauthenticated` / `not_authorised`); `not_found` for an unknown step.
 */
export async function proposeDelegationChange(ctx: RecordsContext & { actor?: Actor }, input: DelegationChangeInput): Promise<DelegationDecision> {
  if (input.reason.trim() === '') throw new ServiceError('invalid_request', 'a delegation change needs a reason (--reason)');
  const workflow = loadProcess(input.processPath);
  const node = workflow.nodes.find((n) => n.id === input.nodeId);
  if (node === undefined) throw new ServiceError('not_found', `process "${workflow.id}" has no step "${input.nodeId}"; its steps: ${workflow.nodes.map((n) => n.id).join(', ')}`);
  if (input.override === true) requireAdminActor(ctx.actor);
  const { assessReadiness, resolveDelegationPolicy } = await import('@sopflow/analysis');
  const records = await recordsOf(ctx, { workflow, sources: input.sources, ...(input.eventLog === undefined ? {} : { eventLog: input.eventLog }) });
  const trials = input.trials === undefined ? undefined : readTrials(input.trials);
  const step = assessReadiness(workflow, records, { policy: resolveDelegationPolicy(input.policy), ...(trials === undefined ? {} : { trials }) }).find((s) => s.nodeId === node.id)!;
  if (step.state === undefined || step.ladder === undefined) throw new ServiceError('conflict', `"${node.id}" is not delegated: ${step.summary[0]}`);
  const to = target(step, step.ladder, input);
  const draft = draftWithDelegation(input.processPath, workflow, node.id, to);
  try {
    writeFileSync(draft.path, stringifyWorkflow(draft.workflow), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ServiceError('conflict', `${draft.path} already exists; it is never overwritten (publish or remove that draft first)`);
    throw new ServiceError('invalid_request', `cannot write ${draft.path}: ${(err as Error).message}`);
  }
  const decision: DelegationDecision = {
    at: input.at ?? new Date().toISOString(), status: 'proposed', workflow: workflow.id,
    ...(draft.fromVersion === undefined ? {} : { fromVersion: draft.fromVersion }), toVersion: draft.version, draft: draft.path,
    nodeId: node.id, direction: input.direction, from: step.state, to, reason: input.reason.trim(),
    by: ctx.actor?.name ?? input.osUser ?? 'unknown', byVerified: ctx.actor !== undefined, override: input.override === true,
    evidence: { runs: records.length, executions: step.executions, summary: step.summary, ladder: step.ladder }, notes: draft.notes,
  };
  appendFileSync(decisionLogPath(input.processPath), `${JSON.stringify(decision)}\n`);
  return decision;
}

/** Pure; where a process's delegation decisions are appended (`NAME.delegation-decisions.jsonl` next to it). */
export function decisionLogPath(processPath: string): string {
  const name = basename(processPath).replace(/\.osop(\.ya?ml)?$/i, '').replace(/\.v\d+\.\d+\.\d+(?:[-+][\w.-]*)?$/, '');
  return join(dirname(processPath), `${name}.delegation-decisions.jsonl`);
}

function target(step: StepReadiness, ladder: LadderDecision, input: DelegationChangeInput): DelegationState {
  const from = ladder.state;
  const override = input.override === true;
  if (input.direction === 'promote') {
    const to = ladder.promotion.to;
    if (to === undefined) throw new ServiceError('conflict', `"${step.nodeId}" is already ${from}: there is no rung above`);
    if (!ladder.promotion.ready && !override) {
      throw new ServiceError('conflict', `the evidence does not allow promoting "${step.nodeId}" from ${from} to ${to}: ${ladder.promotion.missing.join('; ')} (an admin may --override)`, { missing: ladder.promotion.missing });
    }
    return to;
  }
  const below = ORDER.slice(0, ORDER.indexOf(from));
  if (below.length === 0) throw new ServiceError('conflict', `"${step.nodeId}" is already human_only: there is no rung below`);
  const to = input.to ?? ladder.demotion?.to ?? below[below.length - 1];
  if (!below.includes(to)) throw new ServiceError('invalid_request', `a demotion from ${from} goes to ${below.join(' or ')}, not ${to}`);
  const supported = ladder.demotion !== undefined && ORDER.indexOf(to) <= ORDER.indexOf(ladder.demotion.to);
  if (!supported && !override) {
    const why = ladder.demotion === undefined ? 'the evidence shows no drop below the threshold and no critical error' : `the evidence supports ${ladder.demotion.to} (${ladder.demotion.reason})`;
    throw new ServiceError('conflict', `the evidence does not call for demoting "${step.nodeId}" to ${to}: ${why} (an admin may --override)`);
  }
  return to;
}

function loadProcess(path: string): Workflow {
  const file = readTextFile(path);
  if (file.text === undefined) {
    const d = file.diagnostics[0];
    throw new ServiceError(d?.code === 'file-not-found' ? 'invalid_request' : 'invalid_input', d?.message ?? `cannot read ${path}`);
  }
  const { workflow, diagnostics } = loadWorkflow(file.text, path);
  if (workflow === undefined) {
    const first = diagnostics.find((d) => d.severity === 'error');
    throw new ServiceError('invalid_input', `${path}:${first?.line ?? 1}:${first?.column ?? 1}: ${first?.message ?? 'not a valid process'}`, { diagnostics });
  }
  return workflow;
}

function requireAdminActor(actor: Actor | undefined): void {
  if (actor === undefined) throw new ServiceError('unauthenticated', '--override needs an admin of this store\'s directory, and no directory is open (pass --db)');
  if (!actor.admin) throw new ServiceError('not_authorised', `only an admin may --override the evidence; ${actor.name} is not an admin`, { actor: actor.name });
}
