import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { RunStep } from '../api/api-types';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedRun } from '../test-support/seed-runs';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import { performerOf, stepDuration } from './run-page';

const step = (fields: Partial<RunStep>): RunStep => ({ id: 'review', state: 'now', attempts: 0, detail: 'waiting', startedAt: null, endedAt: null, performedBy: null, ...fields });

describe('Run view', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
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

  it('while the run waits: the person\'s step says whom it waits for and how long so far; the next is not reached', async () => {
    const runId = await seedRun(server, sopId);
    renderApp(server.client, `/runs/${runId}`);
    await screen.findByRole('heading', { name: `Run ${runId}` });
    await waitFor(() => expect(within(itemOf('Review the ticket')).getByText('for a person in role ops')).toBeTruthy());
    expect(within(itemOf('Review the ticket')).getByText(/so far$/)).toBeTruthy();
    expect(within(itemOf('Close the ticket')).getByText('not reached')).toBeTruthy();
    expect(within(itemOf('Close the ticket')).queryByText(/took|so far/)).toBeNull();
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
