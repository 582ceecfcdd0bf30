import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { generateHubKeyPair, signHubDocument } from '@sopflow/service';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { describeCommunity } from './hub-page';

const hubSop = (id: string, name: string, tags: string[], version = '1.0.0') => `osop_version: "1.0"
id: ${id}
name: ${name}
version: ${version}
tags: [${tags.join(', ')}]
nodes:
  - { id: check, type: human, name: Check the request, role: support }
  - { id: close, type: system, name: Close it, runtime: { action: noop } }
edges:
  - { from: check, to: close }
`;

describe('Hub page', () => {
  let hub: InProcessServer;
  let plain: InProcessServer;

  beforeAll(async () => {
    hub = await startInProcessServer({ hub: true });
    plain = await startInProcessServer();
    const keys = generateHubKeyPair();
    for (const doc of [hubSop('refund-request', 'Refund a customer', ['support', 'payments']), hubSop('laptop-setup', 'Set up a laptop', ['it']), hubSop('ticket-triage', 'Triage a ticket', ['support'])]) {
      const published = await hub.fixture.call(hub.fixture.tokenA, 'POST', '/api/hub/versions', { document: doc, signature: signHubDocument(keys.privateKeyPem, doc), publicKey: keys.publicKeyPem });
      if (published.status !== 201 && published.status !== 200) throw new Error(`publish ${published.status}: ${JSON.stringify(published.json)}`);
    }
    const report = (name: string, runs: number, succeeded: number) => hub.fixture.call(hub.fixture.tokenA, 'POST', '/api/hub/reports', { name, version: '1.0.0', runs, succeeded, p50Ms: 1200, p95Ms: 4000 });
    expect((await report('ticket-triage', 40, 38)).status).toBeLessThan(300);
    expect((await report('refund-request', 12, 9)).status).toBeLessThan(300);
  });
  afterAll(async () => { await hub.close(); await plain.close(); });

  it('is in the nav of a --hub server only', async () => {
    renderApp(hub.client, '/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Hub' })).toBeTruthy();
    document.body.innerHTML = '';
    // Who-am-I says whether the server is a hub: the app asks nothing of /api/hub (a 404 in the console before).
    const requests = vi.spyOn(plain.fixture.app, 'request');
    renderApp(plain.client, '/');
    const plainNav = await screen.findByRole('navigation', { name: 'Main' });
    await within(plainNav).findByRole('link', { name: 'Portfolio' });
    await screen.findByRole('link', { name: 'Import SOPs' });
    expect(within(plainNav).queryByRole('link', { name: 'Hub' })).toBeNull();
    const paths = requests.mock.calls.map(([input]) => new URL(String(input), 'http://sopflow.test').pathname);
    requests.mockRestore();
    expect(paths).toContain('/api/auth/me');
    expect(paths.filter((path) => path.startsWith('/api/hub'))).toEqual([]);
  });

  it('says on a plain server that it is not a hub and how to start one, asking nothing of /api/hub', async () => {
    const requests = vi.spyOn(plain.fixture.app, 'request');
    renderApp(plain.client, '/hub');
    expect(await screen.findByText(/This server is not a hub: start one with/)).toBeTruthy();
    expect(screen.getByText('sopflow serve --hub')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    const paths = requests.mock.calls.map(([input]) => new URL(String(input), 'http://sopflow.test').pathname);
    requests.mockRestore();
    expect(paths.filter((path) => path.startsWith('/api/hub'))).toEqual([]);
  });

  it('searches by words and tags, and ranks the most-run versions with their success figures', async () => {
    renderApp(hub.client, '/hub');
    const results = await screen.findByRole('table', { name: 'Search results' });
    await waitFor(() => expect(within(results).getAllByRole('row')).toHaveLength(4));
    const ranking = screen.getByRole('table', { name: 'Community ranking' });
    await waitFor(() => expect(within(ranking).getAllByRole('row')).toHaveLength(3));
    const [, first, second] = within(ranking).getAllByRole('row');
    expect(first!.textContent).toMatch(/^1Triage a ticketticket-triage1\.0\.04095 %/);
    expect(second!.textContent).toMatch(/^2Refund a customerrefund-request1\.0\.01275 %/);

    await userEvent.type(screen.getByLabelText('Search the hub'), 'refund');
    await waitFor(() => expect(within(results).getAllByRole('row')).toHaveLength(2));
    expect(within(results).getByText('Refund a customer')).toBeTruthy();
    expect(within(results).getByText('12 runs, 75 % succeeded, median 1 s')).toBeTruthy();

    await userEvent.clear(screen.getByLabelText('Search the hub'));
    await waitFor(() => expect(within(results).getAllByRole('row')).toHaveLength(4));
    await userEvent.type(screen.getAllByLabelText('Tags').find((el) => el.tagName === 'INPUT')!, 'support{Enter}');
    await waitFor(() => expect(within(results).getAllByRole('row')).toHaveLength(3));
    expect(within(results).getByText('Refund a customer')).toBeTruthy();
    expect(within(results).getByText('Triage a ticket')).toBeTruthy();
    expect(within(results).queryByText('Set up a laptop')).toBeNull();
  });

  it('keeps each wide table in a labelled, keyboard-focusable region of its own that scrolls sideways, so a phone\'s page does not', async () => {
    renderApp(hub.client, '/hub');
    for (const name of ['Search results', 'Community ranking']) {
      const table = await screen.findByRole('table', { name });
      const region = screen.getByRole('region', { name: `${name}, scrolls sideways` });
      expect(region.contains(table)).toBe(true);
      expect(region.tabIndex).toBe(0);
    }
  });

  it('says when no runs were reported', () => {
    expect(describeCommunity(null)).toBe('no runs reported');
    expect(describeCommunity({ runs: 1, succeeded: 1, successRate: 1, p50Ms: 850, p95Ms: 900, reports: 1 })).toBe('1 run, 100 % succeeded, median 850 ms');
  });
});
