import { appendFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DelegationPolicy } from '@sopflow/analysis';
import { loadWorkflow, stringifyWorkflow, type DelegationState, type Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { Actor } from '../service-context.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readTextFile } from '../records/read-text-file.js';
import type { RecordsContext } from '../records/read-run-records.js';
import { recordsOf } from './delegation-readiness.js';
import { draftWithDelegation } from './draft-version.js';
import { checkDelegationChange, requireStep, type CheckedDelegationChange } from './check-delegation-change.js';

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

/** The proposal as recorded: the change and the evidence it rests on (the one rule's answer), the draft, who proposed it. */
export interface DelegationDecision extends CheckedDelegationChange {
  at: string;
  status: 'proposed';
  workflow: string;
  fromVersion?: string;
  toVersion: string;
  /** Where the draft was written. */
  draft: string;
  by: string;
  byVerified: boolean;
  notes: string[];
}

/**
 * Proposes moving one step a rung up or down the delegation ladder: writes the process as a new
 * draft version (`NAME.vX.Y.Z.osop`; an existing file is never overwritten) and appends the decision
 * with its evidence to `NAME.delegation-decisions.jsonl`; a person approves it by publishing the draft.
 * The evidence is checked by the one rule (checkDelegationChange: `not_enough_evidence` with what is
 * missing) unless `override`, which needs an admin (`unauthenticated` / `not_authorised`).
 */
export async function proposeDelegationChange(ctx: RecordsContext & { actor?: Actor }, input: DelegationChangeInput): Promise<DelegationDecision> {
  if (input.reason.trim() === '') throw new ServiceError('invalid_request', 'a delegation change needs a reason (--reason)');
  const workflow = loadProcess(input.processPath);
  requireStep(workflow, input.nodeId);
  if (input.override === true) requireAdminActor(ctx.actor);
  const records = await recordsOf(ctx, { workflow, sources: input.sources, ...(input.eventLog === undefined ? {} : { eventLog: input.eventLog }) });
  const change = await checkDelegationChange(workflow, records, input, { ...(input.policy === undefined ? {} : { policy: input.policy }), ...(input.trials === undefined ? {} : { trials: input.trials }) });
  const draft = draftWithDelegation(input.processPath, workflow, change.nodeId, change.to);
  try {
    writeFileSync(draft.path, stringifyWorkflow(draft.workflow), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ServiceError('conflict', `${draft.path} already exists; it is never overwritten (publish or remove that draft first)`);
    throw new ServiceError('invalid_request', `cannot write ${draft.path}: ${(err as Error).message}`);
  }
  const decision: DelegationDecision = {
    at: input.at ?? new Date().toISOString(), status: 'proposed', workflow: workflow.id,
    ...(draft.fromVersion === undefined ? {} : { fromVersion: draft.fromVersion }), toVersion: draft.version, draft: draft.path,
    ...change, by: ctx.actor?.name ?? input.osUser ?? 'unknown', byVerified: ctx.actor !== undefined, notes: draft.notes,
  };
  appendFileSync(decisionLogPath(input.processPath), `${JSON.stringify(decision)}\n`);
  return decision;
}

/** Pure; where a process's delegation decisions are appended (`NAME.delegation-decisions.jsonl` next to it). */
export function decisionLogPath(processPath: string): string {
  const name = basename(processPath).replace(/\.osop(\.ya?ml)?$/i, '').replace(/\.v\d+\.\d+\.\d+(?:[-+][\w.-]*)?$/, '');
  return join(dirname(processPath), `${name}.delegation-decisions.jsonl`);
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
