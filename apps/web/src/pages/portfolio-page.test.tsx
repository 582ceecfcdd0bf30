import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { TenantPortfolio } from '../api/learning-types';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedLearningSop } from '../test-support/seed-learning';

describe('the Portfolio page and the Opportunities tab', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedLearningSop(server);
  });
  afterAll(() => server.close());

  it('ranks the opportunities with totals and says why a value cannot be estimated yet', async () => {
    renderApp(server.client, '/portfolio');
    const table = await screen.findByRole('table', { name: 'Opportunities' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.textContent).toMatch(/^1Expense checkreview/);
    expect(rows[0]!.textContent).toContain('not enough history');
    expect(screen.getByText('Total expected value / month').nextElementSibling!.textContent).toBe('0.00 USD');
    expect(rows[0]!.textContent).toMatch(/\d\.\d\d USD/);
    expect(screen.getByText('Opportunities', { selector: 'p' }).nextElementSibling!.textContent).toBe('1');
  });

  it('edits an assumption inline and shows the value the server recomputed', async () => {
    renderApp(server.client, '/portfolio');
    await userEvent.click(await screen.findByRole('button', { name: 'Assumptions of Expense check: review' }));
    const perMonth = await screen.findByRole('textbox', { name: /Executions per month/ });
    const assumptions = screen.getByRole('table', { name: 'Assumptions of Expense check: review' });
    const time = within(assumptions).getAllByRole('row').find((row) => row.textContent!.startsWith('Time per execution'))!;
    // Measured from the runs, in a unit people read (never "0.0000022 hours/execution"), and its source in full.
    expect(time.textContent).toMatch(/^Time per execution[\d.]+ (ms|s|min) \/ executionmeasured/);
    await userEvent.type(perMonth, '4000');
    const share = screen.getByRole('textbox', { name: /Automation share/ });
    await userEvent.clear(share);
    await userEvent.type(share, '0.5');
    const costPerHour = screen.getByRole('textbox', { name: /Cost per hour/ });
    await userEvent.clear(costPerHour);
    await userEvent.type(costPerHour, '90000');
    await userEvent.click(screen.getByRole('button', { name: 'Save assumptions of Expense check: review' }));
    const saved = await screen.findByRole('status');
    const portfolio = await server.client.get<TenantPortfolio>('/api/opportunities');
    const item = portfolio.items[0]!;
    expect(item.assumptions.frequencyPerMonth?.value).toBe(4000);
    expect(item.assumptions.automationShare).toMatchObject({ value: 0.5, source: 'given' });
    expect(item.monthlyValue).toBeGreaterThan(0);
    const shown = item.monthlyValue!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(saved.textContent).toBe(`Saved. Recomputed expected value: ${shown} USD per month.`);
    await waitFor(() => expect(screen.getByText('Total expected value / month').nextElementSibling!.textContent).toBe(`${shown} USD`));
    expect(screen.getByText(/Last edited by ops@acme.test/)).toBeTruthy();
  });

  it('marks a refused figure on its field, in the server’s words, and keeps what was typed', async () => {
    renderApp(server.client, '/portfolio');
    await userEvent.click(await screen.findByRole('button', { name: 'Assumptions of Expense check: review' }));
    const saved = await screen.findByRole('textbox', { name: /Time saved share/ });
    await userEvent.clear(saved);
    await userEvent.type(saved, '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save assumptions of Expense check: review' }));
    await screen.findByText(/assumptions\.timeSavedShare must be a number from 0 to 1/);
    expect((saved as HTMLInputElement).value).toBe('2');
    expect(saved.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows the SOP’s own opportunities, and the steps left out with why, on its Opportunities tab', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=opportunities`);
    const table = await screen.findByRole('table', { name: 'Opportunities of this SOP' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText(/intake/, { selector: 'span' }).parentElement!.textContent).toBe('intake: automated: already done by a machine');
  });
});
