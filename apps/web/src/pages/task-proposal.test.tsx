import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventually } from '../../../server/src/test-support/server-fixture';
import { agentCommandEnv, agentReviewSop } from '../test-support/agent-command';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop } from '../test-support/seed-sops';
import { escalationOf, isOverdue } from './task-marks';

describe('Tasks inbox: an agent proposal below the confidence it needs', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    // The agent answers 0.55 where the step needs 0.9, so the engine hands its proposal to a person.
    Object.assign(process.env, agentCommandEnv({ category: 'billing' }, 0.55));
    server = await startInProcessServer();
    sopId = await seedSop(server.fixture, agentReviewSop('ticket-triage', 'Ticket triage'));
  });
  afterAll(() => server.close());

  async function reviewTask(): Promise<{ id: string; runId: string }> {
    const { runId } = (await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/run`)).json;
    const tasks = await eventually(() => server.fixture.call(server.fixture.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: { runId: string }) => t.runId === runId));
    return tasks.json.tasks.find((t: { runId: string }) => t.runId === runId);
  }

  async function cardOf(runId: string): Promise<HTMLElement> {
    renderApp(server.client, '/tasks');
    return waitFor(() => {
      const li = screen.getAllByRole('listitem').find((el) => el.textContent!.includes(runId));
      if (li === undefined) throw new Error('no card yet');
      return li;
    });
  }

  it('shows the proposal with its confidence and the escalation in words; an edit before Accept is recorded as a correction', async () => {
    const task = await reviewTask();
    const card = await cardOf(task.runId);
    expect(await within(card).findByText("The agent proposed this with 55 % confidence; check and edit it before accepting.")).toBeTruthy();
    expect(within(card).getByText('Escalated')).toBeTruthy();
    expect(within(card).getByText(/^Escalated: the agent's confidence was below what the step needs; check its proposal \(LOW_CONFIDENCE\)\.$/)).toBeTruthy();
    const field = within(card).getByLabelText(/Proposed output \(JSON\)/) as HTMLTextAreaElement;
    expect(JSON.parse(field.value)).toEqual({ category: 'billing' });

    await userEvent.clear(field);
    await userEvent.type(field, '{{"category": "refunds"');
    await userEvent.click(within(card).getByRole('button', { name: 'Accept proposal' }));
    expect(await within(card).findByText(/^Not a JSON object/)).toBeTruthy();
    expect((await server.fixture.call(server.fixture.tokenA, 'GET', `/api/tasks/${task.id}`)).json.task.status).toBe('open');

    await userEvent.type(field, '}');
    await userEvent.click(within(card).getByRole('button', { name: 'Accept proposal' }));
    await waitFor(() => expect(card.isConnected).toBe(false), { timeout: 10_000 });
    await eventually(() => server.fixture.call(server.fixture.tokenA, 'GET', `/api/runs/${task.runId}`), (r) => r.json.run.status === 'completed');
    const events = (await server.fixture.call(server.fixture.tokenA, 'GET', `/api/runs/${task.runId}/history`)).json.events as { type: string; data: Record<string, unknown> }[];
    const done = events.find((e) => e.type === 'StepCompleted' && e.data.nodeId === 'classify')!;
    expect(done.data.output).toEqual({ category: 'refunds' });
    expect(done.data.correctedFrom).toEqual({ category: 'billing' });
  });

  it('refuses Reject without a reason; with one the step fails as LOW_CONFIDENCE', async () => {
    const task = await reviewTask();
    const card = await cardOf(task.runId);
    await within(card).findByLabelText(/Proposed output \(JSON\)/);
    await userEvent.click(within(card).getByRole('button', { name: 'Reject proposal' }));
    expect(within(card).getByText('Give a reason to reject: it is kept with the run.')).toBeTruthy();
    await userEvent.type(within(card).getByLabelText(/^Reason/), 'It is a shipping question');
    await userEvent.click(within(card).getByRole('button', { name: 'Reject proposal' }));
    await waitFor(() => expect(card.isConnected).toBe(false), { timeout: 10_000 });
    const run = await eventually(() => server.fixture.call(server.fixture.tokenA, 'GET', `/api/runs/${task.runId}`), (r) => r.json.run.status === 'failed');
    expect(run.json.run.error.code).toBe('LOW_CONFIDENCE');
    expect(run.json.run.error.message).toMatch(/It is a shipping question/);
  });

  it('marks overdue and escalated tasks in words', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(isOverdue({ dueAt: '2026-03-02T09:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ dueAt: '2026-03-02T10:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ dueAt: null }, now)).toBe(false);
    expect(escalationOf({ kind: 'escalation', reason: 'NO_MODEL' })).toBe('no model is configured for this agent step; a person does it');
    expect(escalationOf({ kind: 'escalation', reason: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW');
    expect(escalationOf({ kind: 'work', reason: null })).toBeNull();
  });
});
