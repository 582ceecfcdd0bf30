import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const versionRows = () => within(screen.getByRole('table', { name: 'Versions' })).getAllByRole('row').slice(1);

describe('SOP detail: the Versions tab', () => {
  let server: InProcessServer;

  beforeAll(async () => { server = await startInProcessServer(); });
  afterAll(() => server.close());

  it('lists the published version with its hash, certification and approver, and makes a new draft that compares equal', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('ticket-versions', 'Ticket versions'));
    renderApp(server.client, `/sops/${sopId}?tab=versions`);
    await screen.findByRole('table', { name: 'Versions' });
    const [first] = versionRows();
    expect(first!.textContent).toMatch(/^v1\.0\.0currentpublished[0-9a-f]{12}approvedowner@acme\.test, .+owner@acme\.test, .+New draft$/);
    expect(screen.getByText('Choose two versions to compare.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'New draft from v1.0.0' }));
    await waitFor(() => expect(versionRows()).toHaveLength(2));
    expect(versionRows()[0]!.textContent).toMatch(/^v1\.1\.0draft[0-9a-f]{12}uncertifiednot yet.+Publish$/);
    // The new draft is compared with the version it came from: the same text.
    await screen.findByText(/No differences: v1\.0\.0 \(published, current\) and v1\.1\.0 \(draft\) describe the same process\./);
    expect((screen.getByRole('button', { name: 'New draft from v1.0.0' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows an edited draft side by side with the semantic summary, then publishes it after a confirmation', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('ticket-publish', 'Ticket publish', { approval: true }));
    const draft = await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/versions`, {});
    const edited = ticketSop('ticket-publish', 'Ticket publish').replace('Close the ticket', 'Archive the ticket');
    expect((await server.fixture.call(server.fixture.tokenA, 'PUT', `/api/sops/${sopId}/versions/${draft.json.version.id}`, { osop: edited })).status).toBe(200);

    renderApp(server.client, `/sops/${sopId}?tab=versions`);
    const summary = await screen.findByRole('list', { name: 'Semantic summary' });
    expect(summary.textContent).toMatch(/approval gate removed from step "Review the ticket" \(review\)/);
    const from = screen.getByRole('region', { name: 'From: v1.0.0 (published, current)' });
    const to = screen.getByRole('region', { name: 'To: v1.1.0 (draft)' });
    expect((await within(from).findByText('Review the ticket')).closest('li')!.textContent).toMatch(/changed.*fields: approvalGate/);
    expect((await within(to).findByText('Archive the ticket')).closest('li')!.textContent).toMatch(/changed.*fields: name/);

    await userEvent.click(screen.getByRole('button', { name: 'Publish v1.1.0' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish v1.1.0 (draft)?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish v1.1.0' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(versionRows()[0]!.textContent).toMatch(/^v1\.1\.0currentpublished.+approvedops@acme\.test/));
    expect(screen.getByText(/the SOP runs v1\.1\.0/)).toBeTruthy();
  });

  it('keeps a refused publish in the dialog, in words, and archives the SOP after a confirmation', async () => {
    const sopId = await seedSop(server.fixture, ticketSop('ticket-archive', 'Ticket archive'));
    const draft = await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/versions`, {});
    renderApp(server.client, `/sops/${sopId}?tab=versions`);
    await userEvent.click(await screen.findByRole('button', { name: 'Publish v1.1.0' }));
    const dialog = await screen.findByRole('dialog');
    // Someone else publishes it first: the server refuses, and the dialog says so.
    expect((await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/versions/${draft.json.version.id}/publish`)).status).toBe(200);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish v1.1.0' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/The version was not published.*already published/);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await userEvent.click(screen.getByRole('button', { name: 'Archive' }));
    const confirm = await screen.findByRole('dialog', { name: 'Archive “Ticket archive”?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Archive SOP' }));
    await screen.findByText('This SOP is archived.');
    expect((screen.getByRole('button', { name: 'Archive' }) as HTMLButtonElement).disabled).toBe(true);
    const after = await server.fixture.call(server.fixture.tokenA, 'GET', `/api/sops/${sopId}`);
    expect(after.json.sop.status).toBe('archived');
  });
});
