import assert from 'node:assert/strict';
import { decide, emptyRunState, foldRun, parseWorkflowSource, type DecideInput, type RunEvent, type RunStore, type WorkflowSource } from '../src/index.js';
import { buildAppendRequest } from '../src/runtime/build-append-request.js';

/** `sub` starts its child (`child.osop`) at once and waits for it; `go`, signalled later, wins the wait_any join while the child still runs. */
export const RACING_PARENT = parseWorkflowSource(`osop_version: "1.1"
id: started-child
name: Sub-process until told to go on
nodes:
  - { id: sub, type: system, workflow_ref: child.osop }
  - { id: go, type: event, runtime: { event: go } }
  - { id: done, type: system, runtime: { action: noop } }
edges:
  - { from: sub, to: done, join_mode: wait_any }
  - { from: go, to: done, join_mode: wait_any }
`);

/** A child run that waits for a person (its one step is a task for `ops`), so it runs until cancelled or answered. */
export const PERSON_CHILD = parseWorkflowSource(`osop_version: "1.1"
id: waiting-child
name: A person's step
nodes:
  - { id: ask, type: human, role: ops }
`);

/**
 * Stores the decision on `input` as the run loop would (pinning `source` on a run's first append), then "crashes":
 * none of its commands (a child's start or cancel) is carried out. Returns the commands that were lost.
 */
export async function appendDecisionOnly(store: RunStore, source: WorkflowSource, runId: string, input: DecideInput, executorTypes: readonly string[]) {
  const events = (await store.readEvents(runId)).map((e) => e.data as RunEvent);
  const before = events.length === 0 ? emptyRunState(runId) : foldRun(events, runId);
  const decision = decide(source.workflow, before, input, { executorTypes });
  assert.equal(decision.rejected, undefined, decision.rejected?.message);
  const pinned = events.length === 0 ? { hash: source.hash, workflowId: source.workflow.id, text: source.text } : undefined;
  assert.equal((await store.append(buildAppendRequest(before, decision.state!, decision.events, source.workflow, pinned))).ok, true);
  return decision.commands;
}
