import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eventually } from '../../../server/src/test-support/server-fixture';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import type { Task } from '../api/api-types';
import { tasksForMe } from './tasks-page';

describe('Tasks inbox', () => {
  let server: InProcessServer;
  let work: string;
  let approval: string;

  async function openTask(sopId: string) {
    const started = await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/run`);
    const runId = started.json.runId as string;
    return eventually(
      async () => ((await server.fixture.call(server.fixture.tokenA, 'GET', '/api/tasks')).json.tasks as { id: string; runId: string; kind: string }[]).find((t) => t.runId === runId),
      (t) => t !== undefined,
    );
  }

  beforeAll(async () => {
    server = await startInProcessServer();
    work = await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
    approval = await seedSop(server.fixture, ticketSop('refund-approval', 'Refund approval', { approval: true }));
  });
  afterAll(() => server.close());

  it('completes a work task with the data of the form generated from its JSON Schema', async () => {
    const task = await openTask(work);
    renderApp(server.client, '/tasks');
    await userEvent.click(await screen.findByText('All open'));
    const card = (await screen.findAllByText('Review the ticket')).map((el) => el.closest('li')!).find((li) => li.textContent!.includes(task!.runId))!;
    await userEvent.click(within(card).getByRole('button', { name: 'Complete' }));
    expect(await within(card).findByText(/required property/)).toBeTruthy();
    await userEvent.type(within(card).getByLabelText(/Ticket number/), 'T-7');
    await userEvent.click(within(card).getByRole('button', { name: 'Complete' }));
    await waitFor(() => expect(card.isConnected).toBe(false), { timeout: 10_000 });
    const done = await eventually(async () => (await server.fixture.call(server.fixture.tokenA, 'GET', `/api/tasks/${task!.id}`)).json.task, (t) => t.status === 'completed');
    expect(done.status).toBe('completed');
  });

  it('refuses Deny without a reason, then records the denial with it', async () => {
    const task = await openTask(approval);
    expect(task!.kind).toBe('approval');
    renderApp(server.client, '/tasks');
    await userEvent.click(await screen.findByText('All open'));
    const card = await waitFor(() => {
      const li = screen.getAllByRole('listitem').find((el) => el.textContent!.includes(task!.runId));
      if (li === undefined) throw new Error('no card yet');
      return li;
    });
    await userEvent.click(within(card).getByRole('button', { name: 'Deny' }));
    expect(within(card).getByText('Give a reason to deny: the requester reads it.')).toBeTruthy();
    expect((await server.fixture.call(server.fixture.tokenA, 'GET', `/api/tasks/${task!.id}`)).json.task.status).toBe('open');
    await userEvent.type(within(card).getByLabelText(/Reason/), 'The amount is over the limit');
    await userEvent.click(within(card).getByRole('button', { name: 'Deny' }));
    await waitFor(() => expect(card.isConnected).toBe(false), { timeout: 10_000 });
    const done = await eventually(async () => (await server.fixture.call(server.fixture.tokenA, 'GET', `/api/tasks/${task!.id}`)).json.task, (t) => t.status === 'completed');
    expect(done.status).toBe('completed');
  });

  it('shows only the tasks for my roles at first, says how many are for other roles, and shows them under All open', async () => {
    const finance = await seedSop(server.fixture, ticketSop('invoice-check', 'Invoice check').replace('role: ops', 'role: finance'));
    const task = await openTask(finance);
    renderApp(server.client, '/tasks');
    expect(await screen.findByText('One open task is for another role; All open shows it.')).toBeTruthy();
    expect(screen.getByText('0 open tasks for my roles')).toBeTruthy();
    await userEvent.click(screen.getByText('All open'));
    expect(await screen.findByText('1 open task')).toBeTruthy();
    expect(screen.getAllByRole('listitem').some((li) => li.textContent!.includes(task!.runId))).toBe(true);
  });

  it('counts a task as mine when it is assigned to me, or unassigned in one of my roles or in none', () => {
    const task = (id: string, role: string | null, assignee: string | null) => ({ id, role, assignee }) as Task;
    const tasks = [task('assigned', 'finance', 'ops@acme.test'), task('my-role', 'ops', null), task('no-role', null, null), task('other-role', 'finance', null), task('someone-else', 'ops', 'wes@acme.test')];
    expect(tasksForMe(tasks, { email: 'ops@acme.test', roles: ['owner', 'ops'] }).map((t) => t.id)).toEqual(['assigned', 'my-role', 'no-role']);
  });
});
