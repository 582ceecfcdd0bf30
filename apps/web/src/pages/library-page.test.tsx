import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryHistory } from '@tanstack/react-router';
import { App } from '../app';
import type { ApiClient } from '../api/api-client';
import { fetchAllSops } from '../api/queries';
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

  it('fetches the pages after the first all at once, from the cursors the first names, and keeps their order', async () => {
    const log: string[] = [];
    const api: ApiClient = { ...server.client, get: async <T,>(path: string) => {
      log.push(`asked ${path}`);
      const answer = await server.client.get<T>(path);
      log.push(`got ${path}`);
      return answer;
    } };
    const paged = await fetchAllSops(api, 1);
    const whole = await fetchAllSops(server.client);
    expect(paged.map((s) => s.id)).toEqual(whole.map((s) => s.id));
    expect(whole.map((s) => s.title)).toEqual(['Ticket review', 'Invoice check', 'Vendor onboarding']);
    expect(log.map((l) => l.split(' ')[0])).toEqual(['asked', 'got', 'asked', 'asked', 'got', 'got']);
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

  it("shows each SOP's delegation mix in words beside its bar, and a published promotion on the next load", async () => {
    renderApp(server.client, '/?q=invoice');
    await screen.findByRole('link', { name: 'Invoice check' });
    expect(screen.getByRole('columnheader', { name: 'Delegation' })).toBeTruthy();
    const cell = () => within(screen.getByRole('link', { name: 'Invoice check' }).closest('tr')!).getAllByRole('cell')[5]!;
    expect(cell().textContent).toBe('1 human2 autonomous');
    expect(within(cell()).getByText('1 human')).toBeTruthy();
    expect(cell().querySelector('[title]')!.getAttribute('title')).toBe('1 human only, 2 autonomous');
    const bar = cell().querySelector('[aria-hidden="true"]')!;
    expect([...bar.children].map((segment) => (segment as HTMLElement).style.flexGrow)).toEqual(['1', '2']);
    cleanup();

    const { sops } = await server.client.get<{ sops: { id: string; workflowId: string }[] }>('/api/sops?q=invoice-check');
    const sopId = sops[0]!.id;
    const { version } = await server.client.post<{ version: { id: string } }>(`/api/sops/${sopId}/steps/review/delegation`, { direction: 'promote', reason: 'try an agent' });
    await server.client.post(`/api/sops/${sopId}/versions/${version.id}/publish`, {});
    renderApp(server.client, '/?q=invoice');
    await screen.findByRole('link', { name: 'Invoice check' });
    expect(cell().textContent).toBe('1 trialing2 autonomous');
    expect(cell().querySelector('[title]')!.getAttribute('title')).toBe('1 trialing, 2 autonomous');
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
    expect(cells()[6]).toBe('Never');
    cleanup();

    await seedRun(server, sopId, { finish: true });
    await seedRun(server, sopId);
    renderApp(server.client, '/?q=expense');
    const after = (await screen.findByRole('link', { name: 'Expense claim' })).closest('tr')!;
    const lastRun = within(after).getAllByRole('cell')[6]!;
    expect(within(lastRun).getByText('waiting')).toBeTruthy();
    expect(lastRun.textContent).not.toContain('·');
  });
});

describe('Library with more SOPs than a page', () => {
  let server: InProcessServer;
  // 205 SOPs: "Batch 001" … "Batch 205", every tenth titled "Invoice batch …" instead.
  const title = (i: number) => `${i % 10 === 0 ? 'Invoice batch' : 'Batch'} ${String(i).padStart(3, '0')}`;

  beforeAll(async () => {
    server = await startInProcessServer();
    for (let i = 1; i <= 205; i++) await seedSop(server.fixture, ticketSop(`batch-${i}`, title(i)), { draft: true });
  }, 180_000);
  afterAll(() => server.close());

  const bodyRows = () => within(screen.getByRole('table', { name: 'SOPs' })).getAllByRole('row').slice(1);

  it('shows one page of 100 rows, tells the whole table\'s row count and each row\'s index, and turns pages in the address', async () => {
    const history = createMemoryHistory({ initialEntries: ['/'] });
    render(<App api={server.client} history={history} />);
    await screen.findByText('205 of 205 SOPs');
    const table = screen.getByRole('table', { name: 'SOPs' });
    expect(table.getAttribute('aria-rowcount')).toBe('206');
    expect(bodyRows()).toHaveLength(100);
    expect(bodyRows()[0]!.getAttribute('aria-rowindex')).toBe('2');
    expect(within(bodyRows()[0]!).getByRole('link').textContent).toBe('Batch 001');
    expect(screen.getByText('SOPs 1–100 of 205')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    await screen.findByText('SOPs 201–205 of 205');
    expect(history.location.search).toContain('page=3');
    expect(bodyRows()).toHaveLength(5);
    expect(bodyRows()[0]!.getAttribute('aria-rowindex')).toBe('202');
    // Sorted by title over every SOP, not within a page: the "Invoice batch" titles come last.
    expect(bodyRows().map((r) => within(r).getByRole('link').textContent)).toEqual(['Invoice batch 160', 'Invoice batch 170', 'Invoice batch 180', 'Invoice batch 190', 'Invoice batch 200']);
    expect(screen.getByRole('button', { name: 'Page 3' }).getAttribute('aria-current')).toBe('page');
    await userEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await screen.findByText('SOPs 101–200 of 205');
  });

  it('searches every SOP, not one page, and starts again at the first page', async () => {
    const history = createMemoryHistory({ initialEntries: ['/?page=2'] });
    render(<App api={server.client} history={history} />);
    await screen.findByText('SOPs 101–200 of 205');
    await userEvent.type(screen.getByLabelText('Search SOPs'), 'invoice');
    await screen.findByText('20 of 205 SOPs');
    expect(history.location.search).not.toContain('page=');
    expect(bodyRows()).toHaveLength(20);
    expect(screen.getByRole('table', { name: 'SOPs' }).getAttribute('aria-rowcount')).toBe('21');
    expect(screen.queryByRole('navigation', { name: 'Pages of SOPs' })).toBeNull();
  });
});
