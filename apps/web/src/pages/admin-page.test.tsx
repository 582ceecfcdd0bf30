import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createApiClient } from '../api/api-client';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { detailPairs } from './admin-audit-panel';
import { describeLastFire } from './admin-routines-panel';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const openTab = async (name: string) => userEvent.click(await screen.findByRole('tab', { name }));

describe('the Admin page', () => {
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcessServer();
  });
  afterAll(() => server.close());

  it('names the workspace by its tenant’s name, not its id', async () => {
    renderApp(server.client, '/admin');
    const line = await screen.findByText(/^Workspace /);
    expect(line.textContent).toMatch(/^Workspace acme: /);
    expect(line.textContent).not.toMatch(/tn_/);
  });

  it('lists the users with their roles and adds one with account and step roles', async () => {
    renderApp(server.client, '/admin');
    const users = await screen.findByRole('table', { name: 'Users' });
    await within(users).findByText('ops@acme.test');
    await userEvent.type(screen.getByRole('textbox', { name: /^Email/ }), 'wes@acme.test');
    await userEvent.type(screen.getByRole('textbox', { name: /^Step roles/ }), 'ops, finance');
    await userEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const row = (await within(users).findByText('wes@acme.test')).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['wes@acme.test', 'operator', 'ops, finance', 'none (tokens only)', expect.any(String)]);
  });

  it('refuses a user without a proper email in the server’s words', async () => {
    renderApp(server.client, '/admin');
    await userEvent.type(await screen.findByRole('textbox', { name: /^Email/ }), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The user was not added');
    expect(alert.textContent).toMatch(/"not-an-email" is not an email address sopflow accepts/);
  });

  it('creates a token shown once with a copy button, which works until it is revoked', async () => {
    renderApp(server.client, '/admin');
    await openTab('API tokens');
    const user = await screen.findByRole('combobox', { name: /^User/ });
    await within(user).findByRole('option', { name: 'ops@acme.test' });
    await userEvent.selectOptions(user, 'ops@acme.test');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Scope' }), 'run');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const token = (await screen.findByLabelText('New token')).textContent!;
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(screen.getByText(/it is shown only once and stored hashed/)).toBeTruthy();
    expect(screen.getByText(/^Token tok_\S+ for ops@acme.test \(run\)$/)).toBeTruthy();
    const withToken = createApiClient({ baseUrl: 'http://sopflow.test', fetch: async (input, init) => server.fixture.app.request(String(input), { ...init, headers: { authorization: `Bearer ${token}` } }) });
    expect((await withToken.get<{ sops: unknown[] }>('/api/sops')).sops).toBeDefined();

    const id = /^Token (tok_\S+) for/.exec(screen.getByText(/^Token tok_/).textContent!)![1]!;
    const table = screen.getByRole('table', { name: 'API tokens' });
    await userEvent.click(await within(table).findByRole('button', { name: `Revoke ${id}` }));
    await userEvent.click(within(table).getByRole('button', { name: `Revoke now ${id}` }));
    await waitFor(() => expect(within(table).getByText(id).closest('tr')!.textContent).toMatch(/revoked/));
    const refused = await withToken.get('/api/sops').catch((e: unknown) => e as { status: number });
    expect((refused as { status: number }).status).toBe(401);
  });

  it('creates a workstream', async () => {
    renderApp(server.client, '/admin');
    await openTab('Workstreams');
    await userEvent.type(await screen.findByRole('textbox', { name: /^Workstream name/ }), 'Finance');
    await userEvent.click(screen.getByRole('button', { name: 'Create workstream' }));
    await within(screen.getByRole('table', { name: 'Workstreams' })).findByText('Finance');
  });

  it('shows every routine and the audit log of what changed, newest first', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('nightly-close', 'Nightly close'));
    await server.client.post(`/api/sops/${sopId}/routine`, { enabled: true, schedule: '0 2 * * *', timezone: 'Europe/Amsterdam' });
    renderApp(server.client, '/admin');
    await openTab('Routines');
    const routines = await screen.findByRole('table', { name: 'Routines' });
    const row = within(routines).getByRole('link', { name: 'Nightly close' }).closest('tr')!;
    expect(within(row).getAllByRole('cell').slice(1, 4).map((c) => c.textContent)).toEqual(['on', '0 2 * * *', 'Europe/Amsterdam']);
    expect(within(row).getAllByRole('cell')[5]!.textContent).toBe('never fired');
    expect(screen.getByText('1 routine, 1 on. Set one on the SOP\'s Runs tab.')).toBeTruthy();
    expect(within(routines).getAllByRole('row')).toHaveLength(2);
    await openTab('Audit log');
    const audit = await screen.findByRole('table', { name: 'Audit log' });
    const actions = within(audit).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[2]!.textContent);
    expect(actions[0]).toBe('routine.enable');
    expect(actions).toEqual(expect.arrayContaining(['user.add', 'token.revoke']));
    // Its details as key: value lines, the fourth behind the "1 more" disclosure; no JSON braces, nothing cut off.
    const details = within(audit).getAllByRole('row')[1]!.querySelectorAll('td')[4]!;
    expect(within(details).getByText('schedule:').parentElement!.textContent).toBe('schedule: 0 2 * * *');
    expect(within(details).getByText('timezone:').parentElement!.textContent).toBe('timezone: Europe/Amsterdam');
    expect(within(details).getByText('overlap:')).toBeTruthy();
    const more = details.querySelector('details')!;
    expect(more.open).toBe(false);
    expect(within(more).getByText('1 more').tagName).toBe('SUMMARY');
    expect(within(more).getByText('inputs:').parentElement!.textContent).toBe('inputs: []');
    expect(details.textContent).not.toMatch(/[{}…]/);
  });

  it('reads any details as pairs: strings bare, other values as JSON, a non-object as one "value"', () => {
    expect(detailPairs({ user: 'ops@acme.test', roles: ['ops', 'fin'], n: 2, gone: null })).toEqual([['user', 'ops@acme.test'], ['roles', '["ops","fin"]'], ['n', '2'], ['gone', 'null']]);
    expect(detailPairs(null)).toEqual([]);
    expect(detailPairs('reset by hand')).toEqual([['value', 'reset by hand']]);
    expect(detailPairs([1, 2])).toEqual([['value', '[1,2]']]);
  });

  it('says how a routine\'s last fire went, and why it failed', () => {
    const at = new Date().toISOString();
    expect(describeLastFire({ scheduledFor: at, at, outcome: 'failed', runId: null, message: 'sop_not_active: the SOP is archived' })).toMatch(/^today \d\d:\d\d: failed — sop_not_active: the SOP is archived$/);
    expect(describeLastFire({ scheduledFor: at, at, outcome: 'skipped_in_flight', runId: null, message: null })).toMatch(/: skipped, a run was in flight$/);
    expect(describeLastFire({ scheduledFor: at, at, outcome: 'started', runId: 'r-1', message: null })).toMatch(/: started r-1$/);
  });

  it('is not offered to a viewer, and says so at its address', async () => {
    const viewerToken = await server.fixture.userToken('viewer@acme.test', ['viewer'], 'read');
    const viewer = createApiClient({ baseUrl: 'http://sopflow.test', fetch: async (input, init) => server.fixture.app.request(String(input), { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${viewerToken}` } }) });
    renderApp(viewer, '/admin');
    await screen.findByText(/Administration is for owners and admins of this workspace/);
    expect(screen.getByRole('link', { name: 'Portfolio' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Admin' })).toBeNull();
  });
});
