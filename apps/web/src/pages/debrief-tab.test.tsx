import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedLearningSop } from '../test-support/seed-learning';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import { candidateTitle } from './debrief-tab';

const CANDIDATE = 'Add step "double_check" after "intake"';

describe('the Debrief tab', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedLearningSop(server);
  });
  afterAll(() => server.close());

  it('shows the deviations by class, the outcome figures with their significance, and the update candidate', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=debrief`);
    const classes = await screen.findByRole('table', { name: 'Deviations by class' });
    const nuance = within(classes).getByText('Organisational nuance').closest('tr')!;
    expect(within(nuance).getAllByRole('cell')[1]!.textContent).toBe('3');
    expect(within(within(classes).getByText('Potential error').closest('tr')!).getAllByRole('cell')[1]!.textContent).toBe('0');
    expect(within(screen.getByRole('table', { name: 'Deviations' })).getAllByText('"double_check" is not a step of the process')).toHaveLength(3);
    const figures = screen.getByRole('table', { name: 'Outcome figures' });
    const row = within(figures).getByText('inserted:double_check').closest('tr')!;
    expect(row.textContent).toContain('100 % (3 of 3)');
    expect(row.textContent).toContain('no runs without it');
    expect(row.textContent).toContain('p = 1.00 — not significant');
    const card = screen.getByRole('article', { name: CANDIDATE });
    expect(card.textContent).toMatch(/Organisational nuance · seen in 3 runs/);
    expect(within(card).getByText('pending')).toBeTruthy();
  });

  it('asks for a reason before rejecting, then records the rejection with it', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=debrief`);
    const card = await screen.findByRole('article', { name: CANDIDATE });
    await userEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    const reason = await within(card).findByRole('textbox', { name: /Reason for rejecting/ });
    await userEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    await within(card).findByText(/Give a reason/);
    await userEvent.type(reason, 'the double check moved into intake');
    await userEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    await within(card).findByText('Rejected: the double check moved into intake');
    expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull();
    const debrief = await server.client.get<{ report: { updateCandidates: { status: string }[] } }>(`/api/sops/${sopId}/debrief`);
    expect(debrief.report.updateCandidates.map((c) => c.status)).not.toContain('pending');
  });

  it('approves a candidate into a new draft version, named in words', async () => {
    const other = await seedLearningSop(server);
    renderApp(server.client, `/sops/${other}?tab=debrief`);
    const card = await screen.findByRole('article', { name: CANDIDATE });
    await userEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    const done = await within(card).findByText(/A new draft version \S+ holds the change/);
    const versions = await server.client.get<{ versions: { semver: string; status?: string }[] }>(`/api/sops/${other}/versions`);
    const newest = versions.versions[versions.versions.length - 1]!;
    expect(done.textContent).toContain(`version ${newest.semver} holds`);
  });

  it('says in words that there is nothing to debrief before the first finished run', async () => {
    const idle = await seedSop(server.fixture, ticketSop('idle-sop', 'Idle SOP'));
    renderApp(server.client, `/sops/${idle}?tab=debrief`);
    await screen.findByText(/No finished runs yet: the debrief reads finished runs/);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });
});

describe('candidateTitle', () => {
  it('says a proposed time limit in hours or minutes, not seconds, and leaves other titles as the debrief gave them', () => {
    expect(candidateTitle({ title: 'Set the timeout of "approve" to 17025s', change: { op: 'set-timeout', nodeId: 'approve', timeoutSec: 17025 } })).toBe('Set the timeout of "approve" to 4.7 h');
    expect(candidateTitle({ title: 'Set the timeout of "check" to 720s', change: { op: 'set-timeout', nodeId: 'check', timeoutSec: 720 } })).toBe('Set the timeout of "check" to 12 min');
    expect(candidateTitle({ title: 'Add step "x" after "y"', change: { op: 'add-step', nodeId: 'x' } })).toBe('Add step "x" after "y"');
  });
});
