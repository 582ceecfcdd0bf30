import { bumpMinor, type DelegationState } from '@sopflow/format';
import { checkDelegationChange, requireStep, type CheckedDelegationChange } from '../delegation/check-delegation-change.js';
import { recordsOf as processRecordsOf } from '../delegation/delegation-readiness.js';
import { delegationDraft } from '../delegation/draft-version.js';
import { insertDraftVersion, validDocument } from './change-sop-version.js';
import { recordedTrials } from './delegation-trials.js';
import { readSopRunSources } from './sop-run-records.js';
import type { SopVersionView } from './sop-versions.js';
import { requirePermission, type ProcessContext } from './tenant-actor.js';

export interface StepDelegationInput {
  direction: 'promote' | 'demote';
  to?: DelegationState;
  reason: string;
  /** Without the evidence the ladder asks for: an owner or admin only, recorded as such. */
  override?: boolean;
}

/** A delegation change of an SOP's step as recorded: the one rule's answer, the versions it goes from and to, who asked. */
export interface StepDelegationDecision extends CheckedDelegationChange {
  at: string;
  status: 'proposed';
  sopId: string;
  workflow: string;
  /** The published version the change was checked against and the draft that carries it. */
  fromVersionId: string;
  fromVersion: string;
  versionId: string;
  toVersion: string;
  by: string;
  notes: string[];
}

/**
 * Moves one step of an active SOP a rung up or down the delegation ladder as a NEW DRAFT version
 * (the published version is never touched; a person publishes the draft). The evidence is the SOP's
 * finished runs and its recorded trials, checked by the same rule as the CLI (checkDelegationChange): `not_enough_evidence`
 * (409) when it falls short, unless `override`, which needs the admin permission (owner, admin).
 * Editors and up; the admin audit log records the decision (`sop.delegation`).
 */
export async function changeStepDelegation(ctx: ProcessContext, sopId: string, stepId: string, input: StepDelegationInput): Promise<{ version: SopVersionView; decision: StepDelegationDecision }> {
  const actor = requirePermission(ctx, 'sops.write');
  if (input.override === true) requirePermission(ctx, 'admin');
  const { sop, version, workflow, sources } = await readSopRunSources(ctx, sopId);
  requireStep(workflow, stepId);
  // No finished run yet is no evidence at all (the rule still allows what needs none, like a first trial).
  const records = sources.length === 0 ? [] : await processRecordsOf(ctx, { workflow, sources });
  const trials = await recordedTrials(ctx, sop.tenantId, sop.id);
  const change = await checkDelegationChange(workflow, records, { ...input, nodeId: stepId }, trials === undefined ? {} : { trials });
  const semver = bumpMinor(version.semver);
  const draft = delegationDraft(workflow, change.nodeId, change.to);
  const { stringifyWorkflow } = await import('@sopflow/format');
  const text = stringifyWorkflow({ ...draft.workflow, version: semver });
  validDocument(text, sop.workflowId);
  const decision = { status: 'proposed' as const, sopId: sop.id, workflow: workflow.id, fromVersionId: version.id, fromVersion: version.semver, toVersion: semver, ...change, by: actor.name, notes: draft.notes };
  const view = await insertDraftVersion(ctx, actor, sop, version, { text, semver, audit: { action: 'sop.delegation', details: { ...decision, evidence: { runs: change.evidence.runs, executions: change.evidence.executions, summary: change.evidence.summary } } } });
  return { version: view, decision: { ...decision, at: view.createdAt, versionId: view.id } };
}
