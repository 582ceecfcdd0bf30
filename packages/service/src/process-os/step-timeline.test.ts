import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseWorkflowSource, type RunEvent } from '@sopflow/engine';
import { stepTimeline } from '../index.js';

const { workflow } = parseWorkflowSource(`osop_version: "1.0"
id: timeline
name: Timeline
nodes:
  - { id: draft, type: agent, name: Draft the reply }
  - { id: approve, type: human, name: Approve, role: lead }
  - { id: send, type: api, name: Send }
  - { id: archive, type: system, name: Archive, runtime: { action: noop } }
edges:
  - { from: draft, to: approve, mode: sequential }
  - { from: approve, to: send, mode: sequential }
  - { from: approve, to: archive, mode: conditional, when: "false" }
`, 'timeline.osop');

const t = (s: number) => `2026-01-01T10:00:${String(s).padStart(2, '0')}.000Z`;
const scheduled = (nodeId: string, at: string, activation = 1) => ({ type: 'StepScheduled', nodeId, activation, input: {}, at }) as RunEvent;
const completed = (nodeId: string, at: string, by?: string) => ({ type: 'StepCompleted', nodeId, activation: 1, attempt: 1, output: {}, next: [], at, ...(by === undefined ? {} : { by }) }) as RunEvent;
const taskDone = (nodeId: string, at: string, by: string, decision: string, enteredBy?: string) =>
  ({ type: 'TaskCompleted', taskId: `k-${nodeId}`, nodeId, by, decision, at, ...(enteredBy === undefined ? {} : { enteredBy }) }) as RunEvent;
const byId = (events: RunEvent[]) => Object.fromEntries(stepTimeline(workflow, events).map((s) => [s.id, s]));

describe('stepTimeline', () => {
  it('names the reviewer of an agent step a person corrected, and the executor kind when the agent completed alone', () => {
    const reviewed = byId([scheduled('draft', t(1)), taskDone('draft', t(4), 'wes', 'approved'), completed('draft', t(4), 'wes')]);
    assert.deepEqual(reviewed.draft, { id: 'draft', startedAt: t(1), endedAt: t(4), performedBy: 'wes' });
    assert.equal(byId([scheduled('draft', t(1)), completed('draft', t(2))]).draft?.performedBy, 'agent');
  });

  it('keeps the person who denied an approval on the failed step, with who entered it for them', () => {
    const steps = byId([
      scheduled('draft', t(1)), completed('draft', t(2)), scheduled('approve', t(2)),
      taskDone('approve', t(9), 'lee', 'denied', 'ada'),
      { type: 'StepFailed', nodeId: 'approve', activation: 1, attempt: 1, error: { code: 'AUTH_DENIED', message: 'denied' }, retryable: false, next: [], at: t(9) } as RunEvent,
    ]);
    assert.deepEqual(steps.approve, { id: 'approve', startedAt: t(2), endedAt: t(9), performedBy: 'lee (entered by ada)' });
    assert.deepEqual(steps.send, { id: 'send', startedAt: null, endedAt: null, performedBy: null });
  });

  it('gives a skipped branch an end but no start or performer, and reopens a step a loop brings back', () => {
    const steps = byId([
      scheduled('draft', t(1)), completed('draft', t(2)),
      { type: 'StepSkipped', nodeId: 'archive', activation: 1, reason: 'branch_not_taken', at: t(3) } as RunEvent,
      scheduled('draft', t(5), 2),
    ]);
    assert.deepEqual(steps.archive, { id: 'archive', startedAt: null, endedAt: t(3), performedBy: null });
    assert.deepEqual(steps.draft, { id: 'draft', startedAt: t(1), endedAt: null, performedBy: 'agent' }, 'started again: no end yet, first start kept');
  });
});
