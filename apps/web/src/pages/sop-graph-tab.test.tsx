import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const stepNode = (name: string) => document.querySelector<HTMLElement>(`.react-flow__node[aria-label^="${name},"]`);

describe('SOP detail: the Graph tab', () => {
  let server: InProcessServer;
  let sopId: string;
  let plainId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedSop(server.fixture, ticketSop('ticket-graph', 'Ticket graph', { approval: true }));
    plainId = await seedSop(server.fixture, ticketSop('ticket-plain', 'Ticket plain'));
  });
  afterAll(() => server.close());

  it('draws every step as a focusable node named with its performer, role and approval gate, in a lane per role', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=graph`);
    await waitFor(() => expect(stepNode('Review the ticket')).not.toBeNull());
    const review = stepNode('Review the ticket')!;
    expect(review.getAttribute('aria-label')).toBe('Review the ticket, human step, role ops, Approval gate');
    expect(review.getAttribute('tabindex')).toBe('0');
    expect(review.textContent).toContain('✔ Approval gate');
    expect(stepNode('Take the ticket')!.getAttribute('aria-label')).toBe('Take the ticket, system step, no role');
    expect(stepNode('Close the ticket')).not.toBeNull();
    expect([...document.querySelectorAll('.react-flow__node-lane')].map((n) => n.textContent)).toEqual(['ops', 'No role']);
    // Edges need measured handles, which happy-dom cannot give; the e2e test sees them in Chromium.
    expect(screen.getByText(/No run yet/)).toBeTruthy();
  });

  it('highlights the running step of a run started from the page, without a reload', async () => {
    renderApp(server.client, `/sops/${plainId}?tab=graph`);
    await waitFor(() => expect(stepNode('Review the ticket')).not.toBeNull());
    expect(stepNode('Review the ticket')!.getAttribute('aria-current')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(stepNode('Review the ticket')!.getAttribute('aria-current')).toBe('step'), { timeout: 15_000 });
    expect(stepNode('Review the ticket')!.getAttribute('aria-label')).toMatch(/, running now$/);
    expect(stepNode('Review the ticket')!.textContent).toContain('Running now');
    expect(stepNode('Take the ticket')!.getAttribute('aria-label')).toMatch(/, done$/);
    expect(stepNode('Close the ticket')!.getAttribute('aria-current')).toBeNull();
  });
});
