import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { expenseSop, seedLearningSop } from '../test-support/seed-learning';
import { seedRun } from '../test-support/seed-runs';
import { seedSop, ticketSop } from '../test-support/seed-sops';

const rowOf = (table: HTMLElement, step: string) => within(table).getByText(step).closest('tr')!;

describe('the Delegation tab', () => {
  let server: InProcessServer;
  let sopId: string;
  let trialing: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    sopId = await seedLearningSop(server);
    trialing = await seedSop(server.fixture, expenseSop({ doubleCheck: false, delegation: 'trialing' }));
    await seedRun(server, trialing, { finish: true });
  });
  afterAll(() => server.close());

  it('shows each step’s state, trial agreement and readiness in words', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=delegation`);
    const table = await screen.findByRole('table', { name: 'Delegation per step' });
    const review = rowOf(table, 'Review the claim');
    expect(review.textContent).toContain('human only');
    expect(review.textContent).toContain('no trials agreed yet');
    expect(review.textContent).toContain('Ready for trialing.');
    expect(review.textContent).toContain('3 executions');
    expect(rowOf(table, 'Take the claim').textContent).toContain('automated: nothing to delegate');
    expect(within(rowOf(table, 'Take the claim')).queryByRole('button')).toBeNull();
    expect((within(review).getByRole('button', { name: 'Demote Review the claim' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('promotes a ready step with a reason into a new draft version (no reason, no change)', async () => {
    renderApp(server.client, `/sops/${sopId}?tab=delegation`);
    const table = await screen.findByRole('table', { name: 'Delegation per step' });
    await userEvent.click(within(table).getByRole('button', { name: 'Promote Review the claim' }));
    const reason = await screen.findByRole('textbox', { name: /Reason to promote Review the claim/ });
    await userEvent.click(screen.getByRole('button', { name: 'Promote' }));
    await screen.findByText(/Give a reason: it is recorded with the decision\./);
    await userEvent.type(reason, 'three clean runs; start the agent in shadow');
    await userEvent.click(screen.getByRole('button', { name: 'Promote' }));
    const done = await screen.findByText(/Proposed human only → trialing as draft version/);
    const versions = await server.client.get<{ versions: { semver: string }[] }>(`/api/sops/${sopId}/versions`);
    expect(done.textContent).toContain(`draft version ${versions.versions[versions.versions.length - 1]!.semver};`);
  });

  it('refuses a promotion and a demotion without the evidence, saying why in words', async () => {
    renderApp(server.client, `/sops/${trialing}?tab=delegation`);
    const table = await screen.findByRole('table', { name: 'Delegation per step' });
    expect(rowOf(table, 'Review the claim').textContent).toContain('trialing');
    for (const direction of ['promote', 'demote'] as const) {
      const verb = direction === 'promote' ? 'Promote' : 'Demote';
      await userEvent.click(within(table).getByRole('button', { name: `${verb} Review the claim` }));
      await userEvent.type(await screen.findByRole('textbox', { name: new RegExp(`Reason to ${direction}`) }), 'the team asked for it');
      await userEvent.click(screen.getByRole('button', { name: verb }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toContain('Not enough evidence');
      expect(alert.textContent).toMatch(direction === 'promote' ? /does not allow promoting "review" from trialing to agent_supervised/ : /does not call for demoting "review"/);
      expect(alert.textContent).toContain('Let the step gather more trial runs first, or override with a reason.');
      await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    }
    const versions = await server.client.get<{ versions: unknown[] }>(`/api/sops/${trialing}/versions`);
    expect(versions.versions).toHaveLength(1);
  });

  it('says in words that readiness needs finished runs', async () => {
    const idle = await seedSop(server.fixture, ticketSop('idle-delegation', 'Idle delegation'));
    renderApp(server.client, `/sops/${idle}?tab=delegation`);
    await screen.findByText(/No finished runs yet: readiness is measured from how each step actually ran/);
  });
});
