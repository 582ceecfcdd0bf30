import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedRun } from '../test-support/seed-runs';
import { seedSop, ticketSop } from '../test-support/seed-sops';

describe('Library', () => {
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcessServer();
    const ws = (await server.fixture.call(server.fixture.tokenA, 'POST', '/api/workstreams', { name: 'Finance' })).json.workstream;
    await seedSop(server.fixture, ticketSop('ticket-review', 'Ticket review'));
    await seedSop(server.fixture, ticketSop('invoice-check', 'Invoice check'), { workstreamId: ws.id });
    await seedSop(server.fixture, ticketSop('vendor-onboarding', 'Vendor onboarding'), { draft: true, workstreamId: ws.id });
  });
  afterAll(() => server.close());

  it('lists every SOP as a link with its status, workstream and version', async () => {
    renderApp(server.client, '/');
    const link = await screen.findByRole('link', { name: 'Invoice check' });
    const row = link.closest('tr')!;
    expect(within(row).getByText('active')).toBeTruthy();
    expect(within(row).getByText('Finance')).toBeTruthy();
    expect(within(row).getByText('v1.0.0')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Vendor onboarding' }).closest('tr')!.textContent).toContain('draft');
    expect(screen.getByText('3 of 3 SOPs')).toBeTruthy();
  });

  it('narrows the list as words are typed into "Search SOPs"', async () => {
    renderApp(server.client, '/');
    await screen.findByRole('link', { name: 'Ticket review' });
    await userEvent.type(screen.getByLabelText('Search SOPs'), 'invoice');
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ticket review' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Invoice check' })).toBeTruthy();
    expect(screen.getByText('1 of 3 SOPs')).toBeTruthy();
  });

  it('shows only drafts with the Draft status filter, and says so when nothing matches', async () => {
    renderApp(server.client, '/?status=draft');
    await screen.findByRole('link', { name: 'Vendor onboarding' });
    expect(screen.queryByRole('link', { name: 'Invoice check' })).toBeNull();
    await userEvent.type(screen.getByLabelText('Search SOPs'), 'zzz');
    expect(await screen.findByText('No SOP matches')).toBeTruthy();
  });

  it('has an "Import SOPs" button that leads to the import page', async () => {
    renderApp(server.client, '/');
    await userEvent.click(await screen.findByRole('link', { name: 'Import SOPs' }));
    expect(await screen.findByRole('button', { name: 'Import document' })).toBeTruthy();
  });

  // Last: it adds an SOP to the library the tests above count.
  it('shows each SOP\'s step count and last run: "Never" before the first, then the newest run\'s status', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('expense-claim', 'Expense claim'));
    renderApp(server.client, '/?q=expense');
    const row = (await screen.findByRole('link', { name: 'Expense claim' })).closest('tr')!;
    expect(screen.getByRole('columnheader', { name: 'Steps' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Last run' })).toBeTruthy();
    const cells = () => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(cells()[4]).toBe('3');
    expect(cells()[5]).toBe('Never');
    cleanup();

    await seedRun(server, sopId, { finish: true });
    await seedRun(server, sopId);
    renderApp(server.client, '/?q=expense');
    const after = (await screen.findByRole('link', { name: 'Expense claim' })).closest('tr')!;
    const lastRun = within(after).getAllByRole('cell')[5]!;
    expect(within(lastRun).getByText('waiting')).toBeTruthy();
    expect(lastRun.textContent).not.toContain('·');
  });
});
