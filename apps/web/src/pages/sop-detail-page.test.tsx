import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedRun } from '../test-support/seed-runs';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const rowOf = (title: string) => screen.getByText(title).closest('tr')!;

describe('SOP detail', () => {
  let server: InProcessServer;
  let active: string;
  let draft: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    active = await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
    draft = await seedSop(server.fixture, ticketSop('vendor-onboarding', 'Vendor onboarding'), { draft: true });
  });
  afterAll(() => server.close());

  it('lists the steps in order with role, kind, delegation and state in words', async () => {
    renderApp(server.client, `/sops/${draft}`);
    await screen.findByRole('heading', { name: 'Vendor onboarding' });
    const rows = within(screen.getByRole('table', { name: 'Steps' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^1Take the ticketintake—systemautonomous.*todo$/),
      expect.stringMatching(/^2Review the ticketreviewopshumanhuman only.*todo$/),
      expect.stringMatching(/^3Close the ticketclose—systemautonomous.*todo$/),
    ]);
  });

  it('disables Run for a draft and says why', async () => {
    renderApp(server.client, `/sops/${draft}`);
    const run = await screen.findByRole('button', { name: 'Run' });
    expect((run as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Only active SOPs can run; this one is a draft — publish it first\./)).toBeTruthy();
  });

  it('runs an active SOP: the person’s step shows "now" and Run is disabled with the reason while the run is in flight', async () => {
    renderApp(server.client, `/sops/${active}`);
    const run = await screen.findByRole('button', { name: 'Run' });
    expect((run as HTMLButtonElement).disabled).toBe(false);
    await userEvent.click(run);
    await waitFor(() => expect(within(rowOf('Review the ticket')).getByText('now')).toBeTruthy(), { timeout: 10_000 });
    expect(within(rowOf('Take the ticket')).getByText('done')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/A run is in flight \(waiting, started/)).toBeTruthy();
  });

  it('shows the run in the Runs tab with a link to its run view', async () => {
    renderApp(server.client, `/sops/${active}?tab=runs`);
    const link = await screen.findByRole('link', { name: /^r-/ });
    expect(link.closest('tr')!.textContent).toMatch(/waiting|running|completed/);
  });

  it('lists the recent runs in the Runs tab, newest first, each with its status and duration', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('refund-request', 'Refund request'));
    const first = await seedRun(server, sopId, { finish: true });
    const second = await seedRun(server, sopId, { finish: true });
    const third = await seedRun(server, sopId);
    renderApp(server.client, `/sops/${sopId}?tab=runs`);
    await screen.findByRole('link', { name: third });
    const rows = screen.getAllByRole('link', { name: /^r-/ }).map((link) => link.closest('tr')!);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([third, second, first]);
    const cells = rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(cells[0]![1]).toBe('waiting');
    expect(cells[0]![3]).toBe('in flight');
    expect(cells[1]![1]).toBe('completed');
    expect(cells[1]![3]).toMatch(/^\d+ (ms|s)$/);
    expect(cells[2]![3]).toMatch(/^\d+ (ms|s)$/);
    expect(cells[2]![4]).toBe('manual');
  });

  it('shows an unknown SOP as an error in words with what to do next', async () => {
    renderApp(server.client, '/sops/sop_doesnotexist');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load this SOP');
    expect(alert.textContent).toContain('No SOP sop_doesnotexist.');
    expect(alert.textContent).toContain('go back to the library');
  });
});
