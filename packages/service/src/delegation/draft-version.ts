import { basename, dirname, join } from 'node:path';
import { bumpMinor, type DelegationState, type Workflow } from '@sopflow/format';

/** The next draft of a process with one step's delegation state changed, and where it is written. */
export interface DelegationDraft {
  workflow: Workflow;
  path: string;
  fromVersion?: string;
  version: string;
  /** What else the change had to alter, in words (a human step trialled becomes an agent step the person still performs). */
  notes: string[];
}

/** Pure; the draft of a process file written next to the source as `NAME.vX.Y.Z.osop` (see delegationDraft). */
export function draftWithDelegation(processPath: string, workflow: Workflow, nodeId: string, to: DelegationState): DelegationDraft {
  const draft = delegationDraft(workflow, nodeId, to);
  return { ...draft, path: draftPath(processPath, draft.version) };
}

/**
 * Pure; the process with `nodeId` set to `to`, as a new draft version (minor version bumped,
 * lifecycle draft, a certification withdrawn). A `human` step that leaves `human_only` becomes an
 * `agent` step: only then does the engine run an agent beside (trialing) or instead of (supervised,
 * autonomous) the person.
 */
export function delegationDraft(workflow: Workflow, nodeId: string, to: DelegationState): Omit<DelegationDraft, 'path'> {
  const notes: string[] = [];
  const version = bumpMinor(workflow.version);
  const nodes = workflow.nodes.map((n) => {
    if (n.id !== nodeId) return n;
    if (n.type === 'human' && to !== 'human_only') {
      notes.push(`"${nodeId}" becomes an agent step (it was a human step) so that the engine can run the agent ${to === 'trialing' ? 'in shadow beside the person' : 'on it'}`);
      return { ...n, type: 'agent' as const, delegationState: to };
    }
    return { ...n, delegationState: to };
  });
  if (workflow.certificationStatus === 'certified') notes.push('the draft is uncertified until it is reviewed again');
  const draft: Workflow = {
    ...workflow, nodes, version, lifecycle: 'draft',
    ...(workflow.certificationStatus === 'certified' ? { certificationStatus: 'uncertified' as const } : {}),
  };
  return { workflow: draft, ...(workflow.version === undefined ? {} : { fromVersion: workflow.version }), version, notes };
}

/** Pure; `deploy.osop` (or `deploy.v1.2.0.osop`) at version 1.3.0 → `deploy.v1.3.0.osop` in the same folder. */
export function draftPath(processPath: string, version: string): string {
  const name = basename(processPath).replace(/\.osop(\.ya?ml)?$/i, '').replace(/\.v\d+\.\d+\.\d+(?:[-+][\w.-]*)?$/, '');
  return join(dirname(processPath), `${name}.v${version}.osop`);
}
