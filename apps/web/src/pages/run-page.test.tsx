import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventually } from '../../../server/src/test-support/server-fixture';
import type { RunStep } from '../api/api-types';
import { formatWhen, formatWhenFull } from '../components/format-time';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedRun } from '../test-support/seed-runs';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import { performerOf, stepDuration } from './run-page';
import { describeAudit } from './run-audit-status';
import { describeChild, describeDecision, describeStepState, readRunNarrative } from './run-narrative';

const step = (fields: Partial<RunStep>): RunStep => ({ id: 'review', state: 'now', attempts: 0, detail: 'waiting', startedAt: null, endedAt: null, performedBy: null, ...fields });

describe('Run view', () => {
  let server: InProcessServer;
  let sopId: string;
  let approvalId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
    approvalId = await seedSop(server.fixture, ticketSop('refund-approval', 'Refund approval', { approval: true }));
  });
  afterAll(() => server.close());

  /** The timeline item of a step, by its title. */
  const itemOf = (title: string) => screen.getByText(title).closest('.mantine-Timeline-item') as HTMLElement;

  it('shows who or what performed each step of a finished run and how long each took', async () => {
    const runId = await seedRun(server, sopId, { finish: true });
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    await waitFor(() => expect(itemOf('Close the ticket')).toBeTruthy());
    expect(within(itemOf('Take the ticket')).getByText('by system')).toBeTruthy();
    expect(within(itemOf('Review the ticket')).getByText('by ops@acme.test')).toBeTruthy();
    expect(within(itemOf('Close the ticket')).getByText('by system')).toBeTruthy();
    for (const title of ['Take the ticket', 'Review the ticket', 'Close the ticket']) {
      expect(within(itemOf(title)).getByText(/^took \d+ (ms|s)$/)).toBeTruthy();
    }
  });

  it('shows when the run started as a <time> with the instant in dateTime and the whole date-time with its zone as the title', async () => {
    const runId = await seedRun(server, sopId, { finish: true });
    const startedAt = (await server.client.get<{ run: { started_at: string } }>(`/api/runs/${runId}`)).run.started_at;
    renderApp(server.client, `/runs/${runId}`);
    const fact = (await screen.findByText('Started')).parentElement!;
    const time = fact.querySelector('time')!;
    expect(time.getAttribute('dateTime')).toBe(startedAt);
    expect(time.textContent).toBe(formatWhen(startedAt));
    expect(time.textContent).toMatch(/^(today|yesterday) \d{2}:\d{2}$/);
    expect(time.getAttribute('title')).toBe(formatWhenFull(startedAt));
    expect(time.getAttribute('title')).toMatch(/^\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2} \S+/);
  });

  it('while the run waits: the person\'s step says whom it waits for and how long so far; the next is not reached', async () => {
    const runId = await seedRun(server, sopId);
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    await waitFor(() => expect(within(itemOf('Review the ticket')).getByText('for a person in role ops')).toBeTruthy());
    expect(within(itemOf('Review the ticket')).getByText(/so far$/)).toBeTruthy();
    expect(within(itemOf('Close the ticket')).getByText('todo: not reached')).toBeTruthy();
    expect(within(itemOf('Close the ticket')).queryByText(/took|so far/)).toBeNull();
  });

  it('shows a denial with its reason and the escalation it caused, the audit chain intact, and the .osoplog to download', async () => {
    const runId = await seedRun(server, approvalId);
    const task = ((await server.fixture.call(server.fixture.tokenA, 'GET', '/api/tasks')).json.tasks as { id: string; runId: string }[]).find((t) => t.runId === runId)!;
    await server.client.post(`/api/tasks/${task.id}/complete`, { decision: 'denied', reason: 'Over the refund limit' });
    await eventually(() => server.client.get<{ run: { status: string } }>(`/api/runs/${runId}`), (r) => r.run.status === 'failed');
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    const review = await waitFor(() => {
      const item = itemOf('Review the ticket');
      // The decision's words, then its time in a <time> element of its own.
      expect(within(item).getByText(/^Denied by ops@acme\.test — “Over the refund limit” ·$/).querySelector('time')).not.toBeNull();
      return item;
    });
    expect(within(review).getByText('Escalated (AUTH_DENIED)')).toBeTruthy();
    expect(within(review).getByText(/denied by ops@acme\.test: Over the refund limit/)).toBeTruthy();
    const failure = screen.getByRole('alert', { name: 'The run failed' });
    expect(failure.textContent).toContain('AUTH_DENIED: denied by ops@acme.test: Over the refund limit');
    expect(failure.textContent).not.toMatch(/\[object Object\]|Reload the page/);
    const audit = screen.getByLabelText('Audit chain');
    await waitFor(() => expect(within(audit).getByText('✓ Audit chain intact')).toBeTruthy());
    expect(within(audit).getByText(/^\d+ events verified, sealed with key /)).toBeTruthy();
    const download = screen.getByRole('link', { name: 'Download .osoplog' });
    expect(download.getAttribute('href')).toBe(`/api/runs/${runId}/osoplog`);
    expect(download.getAttribute('download')).toBe(`${runId}.osoplog`);
    expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull();
  });

  it('cancels a run in flight only after the confirmation, keeping the reason', async () => {
    const runId = await seedRun(server, await seedSop(server.fixture, ticketSop('ticket-cancel', 'Ticket to cancel')));
    renderApp(server.client, `/runs/${runId}`);
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel run' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this run?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep it running' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((await server.client.get<{ run: { status: string } }>(`/api/runs/${runId}`)).run.status).toBe('waiting');

    await userEvent.click(screen.getByRole('button', { name: 'Cancel run' }));
    const again = await screen.findByRole('dialog', { name: 'Cancel this run?' });
    await userEvent.type(within(again).getByLabelText(/Reason/), 'Opened by mistake');
    await userEvent.click(within(again).getByRole('button', { name: 'Cancel the run' }));
    expect(await screen.findByText('Cancelled by ops@acme.test — “Opened by mistake”')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Cancel run' })).toBeNull());
    expect((await server.client.get<{ run: { status: string } }>(`/api/runs/${runId}`)).run.status).toBe('cancelled');
  });

  it('lists a step\'s child runs that never started as "not started (cancelled)", with no link to a run that does not exist', async () => {
    // `sub` spawns two children; `go`, signalled before `check` is done, wins the join in the decision that orders them.
    const raceId = await seedSop(server.fixture, `osop_version: "1.1"
id: children-race
name: Children race
nodes:
  - { id: check, type: human, name: Check the request, role: ops }
  - { id: sub, type: human, name: Handle each part, role: ops }
  - { id: go, type: event, name: Go ahead, runtime: { event: go } }
  - { id: done, type: system, name: Finish, runtime: { action: noop } }
edges:
  - { from: check, to: sub, mode: spawn, spawn_count: 2 }
  - { from: check, to: go }
  - { from: sub, to: done, join_mode: wait_any }
  - { from: go, to: done, join_mode: wait_any }
`);
    const { runId } = await server.client.post<{ runId: string }>(`/api/sops/${raceId}/run`, {});
    const tasks = await eventually(() => server.client.get<{ tasks: { id: string; runId: string }[] }>('/api/tasks'), (r) => r.tasks.some((t) => t.runId === runId));
    await server.fixture.ws.engine!.signal(runId, 'go');
    await server.client.post(`/api/tasks/${tasks.tasks.find((t) => t.runId === runId)!.id}/complete`, {});
    await eventually(() => server.client.get<{ run: { status: string } }>(`/api/runs/${runId}`), (r) => r.run.status === 'completed');
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    const children = await waitFor(() => within(itemOf('Handle each part')).getByLabelText('Child runs'));
    expect(within(children).getAllByText(/not started \(cancelled\)/).length).toBe(2);
    expect(within(children).getByText(`${runId}.sub.1.0`)).toBeTruthy();
    expect(within(children).queryAllByRole('link')).toEqual([]);
  });

  it('says why a child run was never started when its workflow cannot be found, in words beside "not started (failed)"', async () => {
    const missingId = await seedSop(server.fixture, `osop_version: "1.1"
id: missing-child
name: Missing child
nodes:
  - { id: sub, type: system, name: Run the sub-process, workflow_ref: no-such-child.osop }
  - { id: after, type: system, name: Afterwards, runtime: { action: noop } }
edges:
  - { from: sub, to: after }
`);
    const { runId } = await server.client.post<{ runId: string }>(`/api/sops/${missingId}/run`, {});
    await eventually(() => server.client.get<{ run: { status: string } }>(`/api/runs/${runId}`), (r) => r.run.status === 'failed');
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    const children = await waitFor(() => within(itemOf('Run the sub-process')).getByLabelText('Child runs'));
    expect(within(children).getByText(/not started \(failed\): cannot find workflow no-such-child\.osop/)).toBeTruthy();
    expect(within(children).queryAllByRole('link')).toEqual([]);
  });

  it('says in words why a step waits — a worker for system steps, no AI model for an agent step — keeping the engine\'s code beside it', async () => {
    const noWorkerId = await seedSop(server.fixture, `osop_version: "1.1"
id: no-worker
name: No worker
nodes:
  - { id: export, type: system, name: Export the ledger }
  - { id: draft, type: agent, name: Draft the reply, role: ops }
edges:
  - { from: export, to: draft }
`);
    const { runId } = await server.client.post<{ runId: string }>(`/api/sops/${noWorkerId}/run`, {});
    const tasks = await eventually(() => server.client.get<{ tasks: { id: string; runId: string }[] }>('/api/tasks'), (r) => r.tasks.some((t) => t.runId === runId));
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    const exportItem = await waitFor(() => itemOf('Export the ledger'));
    expect(within(exportItem).getByText('Waiting for a worker')).toBeTruthy();
    expect(within(exportItem).getByText('Waiting for a worker that runs system steps — a person can also do it from the inbox')).toBeTruthy();
    const code = within(exportItem).getByText(/^blocked: waiting \(task .+, no executor for system steps\)$/);
    expect(code.getAttribute('title')).toBe('The engine\'s state of this step');
    expect(within(exportItem).queryByText('blocked')).toBeNull();

    await server.client.post(`/api/tasks/${tasks.tasks.find((t) => t.runId === runId)!.id}/complete`, {});
    await waitFor(() => expect(within(itemOf('Draft the reply')).getByText('Waiting: no AI model is configured for this step — a person can do it from the inbox')).toBeTruthy());
    expect(within(itemOf('Draft the reply')).getByText(/^blocked: waiting \(task .+, NO_MODEL\)$/)).toBeTruthy();
    expect(within(itemOf('Export the ledger')).getByText('Done')).toBeTruthy();
  });

  it('names every step state in plain words: not reached, running, done, skipped, failed, a signal, a retry, an approval, a review, an escalation', () => {
    const label = (state: RunStep['state'], detail: string, task?: { kind: string; reason: string | null }) => describeStepState({ state, detail }, task);
    expect(label('todo', 'not reached')).toEqual({ label: 'Not reached', explanation: 'The run has not got to this step yet', code: 'todo: not reached' });
    expect(label('now', 'running').label).toBe('Running');
    expect(label('done', 'completed').label).toBe('Done');
    expect(label('done', 'skipped').label).toBe('Skipped');
    expect(label('blocked', 'failed').label).toBe('Failed');
    expect(label('now', 'waiting (signal go)').explanation).toBe('Waiting for the signal “go” to arrive');
    expect(label('now', 'waiting (retry)').label).toBe('Waiting to retry');
    expect(label('now', 'waiting (children)').label).toBe('Waiting for child runs');
    expect(label('blocked', 'waiting (task t-1, needs manager or above)', { kind: 'approval', reason: 'needs manager or above' }).explanation)
      .toBe('Waiting for a person to approve it in the inbox (needs manager or above)');
    expect(label('blocked', 'waiting (task t-1, agent_supervised)', { kind: 'approval', reason: 'agent_supervised' }).label).toBe('Waiting for review');
    expect(label('blocked', 'waiting (task t-1, TIMEOUT)', { kind: 'escalation', reason: 'TIMEOUT' }).explanation).toBe('Handed to a person in the inbox: the step ran out of time');
    expect(label('now', 'waiting (task t-1)', { kind: 'work', reason: null }).explanation).toBe('Waiting for a person to do it from the inbox');
  });

  it('reads child runs from the events: a link target for each that ran, with the end the parent recorded', () => {
    const { children } = readRunNarrative([
      { seq: 3, type: 'ChildRunStarted', at: '2026-01-01T10:00:00Z', data: { nodeId: 'sub', childRunId: 'p.sub.1.0' } },
      { seq: 4, type: 'ChildRunStarted', at: '2026-01-01T10:00:00Z', data: { nodeId: 'sub', childRunId: 'p.sub.1.1' } },
      { seq: 5, type: 'ChildRunStarted', at: '2026-01-01T10:00:00Z', data: { nodeId: 'other', childRunId: 'p.other.1.0' } },
      { seq: 6, type: 'ChildRunEnded', at: '2026-01-01T10:00:00Z', data: { nodeId: 'other', childRunId: 'p.other.1.0', status: 'cancelled', started: false } },
      { seq: 7, type: 'ChildRunStarted', at: '2026-01-01T10:00:00Z', data: { nodeId: 'ref', childRunId: 'p.ref.1.0' } },
      { seq: 8, type: 'ChildRunEnded', at: '2026-01-01T10:00:00Z', data: { nodeId: 'ref', childRunId: 'p.ref.1.0', status: 'failed', started: false, reason: 'cannot find workflow x.osop' } },
      { seq: 9, type: 'ChildRunEnded', at: '2026-01-01T10:05:00Z', data: { nodeId: 'sub', childRunId: 'p.sub.1.0', status: 'completed' } },
    ]);
    expect(children.map((c) => [c.runId, c.started, describeChild(c)])).toEqual([
      ['p.sub.1.0', true, 'completed'], ['p.sub.1.1', true, 'running'], ['p.other.1.0', false, 'not started (cancelled)'],
      ['p.ref.1.0', false, 'not started (failed): cannot find workflow x.osop'],
    ]);
  });

  it('reads decisions, escalations and a cancellation from the events, and says where an audit chain broke', () => {
    const narrative = readRunNarrative([
      { seq: 5, type: 'Escalated', at: '2026-01-01T10:00:00Z', data: { nodeId: 'classify', reason: 'LOW_CONFIDENCE', message: 'confidence 0.5 is below the required 0.9' } },
      { seq: 6, type: 'StepCompleted', at: '2026-01-01T10:01:00Z', data: { nodeId: 'classify', correctedFrom: { category: 'billing' } } },
      { seq: 7, type: 'TaskCompleted', at: '2026-01-01T10:01:00Z', data: { nodeId: 'classify', decision: 'approved', by: 'wes', enteredBy: 'ada' } },
      { seq: 9, type: 'RunCancelled', at: '2026-01-01T10:02:00Z', data: { reason: 'duplicate' } },
    ]);
    expect(narrative.escalations).toEqual([{ stepId: 'classify', code: 'LOW_CONFIDENCE', message: 'confidence 0.5 is below the required 0.9', at: '2026-01-01T10:00:00Z' }]);
    expect(describeDecision(narrative.decisions[0]!)).toBe("Approved by wes (entered by ada), correcting the agent's proposal");
    expect(narrative.cancelled).toEqual({ reason: 'duplicate', by: null });
    const broken = { ok: false, runsChecked: 1, eventsChecked: 9, keyed: true, unkeyedRuns: [], breaks: [{ runId: 'r-1', seq: 4, problem: 'changed', message: 'hash differs' }] };
    expect(describeAudit(broken)).toEqual({ headline: 'Audit chain broken', detail: 'event 4 changed: hash differs' });
    expect(describeAudit({ ...broken, ok: true, breaks: [], keyed: false })).toEqual({ headline: 'Audit chain intact', detail: '9 events verified, plain SHA-256, not keyed' });
  });

  it('names the performer the server sends, a decision entered for someone included, and nothing for a step skipped or not reached', () => {
    expect(performerOf(step({ state: 'done', performedBy: 'wes (entered by ada)' }), undefined)).toBe('by wes (entered by ada)');
    expect(performerOf(step({ state: 'done', detail: 'skipped' }), undefined)).toBeNull();
    expect(performerOf(step({ state: 'todo', detail: 'not reached' }), undefined)).toBeNull();
    expect(performerOf(step({ state: 'now' }), { id: 'check', title: 'Check', sequence_order: 1, role: null, type: 'agent', delegation_state: 'agent_supervised', state: 'now' })).toBe('for an agent');
    expect(stepDuration(step({ startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:03:05.000Z' }))).toBe('took 3 min 5 s');
    expect(stepDuration(step({ startedAt: '2026-01-01T10:00:00.000Z' }), new Date('2026-01-01T10:00:12.000Z'))).toBe('12 s so far');
    expect(stepDuration(step({}))).toBeNull();
  });
});
