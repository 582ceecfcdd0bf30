import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { renderApp } from '../test-support/render-app';
import { seedSop, ticketSop } from '../test-support/seed-sops';
import { formatFireTime, presetOf } from './routine-panel';

describe('the routine on the Runs tab', () => {
  let server: InProcessServer;
  let active: string;
  let draft: string;
  let deploy: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    active = await seedSop(server.fixture, ticketSop('nightly-check', 'Nightly check'));
    draft = await seedSop(server.fixture, ticketSop('draft-check', 'Draft check'), { draft: true });
    deploy = await seedSop(server.fixture, ticketSop('nightly-deploy', 'Nightly deploy').replace('nodes:\n', `inputs:
  - { name: git_ref, type: string, required: true, description: The ref to release }
  - { name: replicas, type: int }
  - { name: registry_token, type: string }
nodes:
`));
  });
  afterAll(() => server.close());

  it('names presets and leaves anything else custom', () => {
    expect(presetOf('0 9 * * 1-5')).toBe('weekdays');
    expect(presetOf('0 * * * *')).toBe('hourly');
    expect(presetOf('*/5 * * * *')).toBe('custom');
    expect(presetOf(null)).toBe('daily');
    expect(formatFireTime('2026-03-02T08:00:00.000Z', 'Europe/Amsterdam')).toBe('Mon 2 Mar, 09:00');
  });

  it('turns the routine on with a preset in the browser’s time zone and lists the next five fire times in that zone', async () => {
    renderApp(server.client, `/sops/${active}?tab=runs`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Weekdays 09:00' }));
    // The zone defaults to the browser's (choosing another from the list is the e2e test's, in Chromium).
    const zone = (screen.getByRole('combobox', { name: 'Time zone' }) as HTMLInputElement).value;
    expect(zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    await userEvent.click(screen.getByRole('switch', { name: 'Run on a schedule' }));
    const list = await screen.findByRole('list', { name: 'Next fire times' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toHaveLength(5);
    for (const item of items) expect(item).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d+ \w+, 09:00$/);
    expect(screen.getByText(`Next fire times (${zone})`)).toBeTruthy();
    const { sop } = await server.client.get<{ sop: { routine: { enabled: boolean; schedule: string; timezone: string } } }>(`/api/sops/${active}`);
    expect(sop.routine).toMatchObject({ enabled: true, schedule: '0 9 * * 1-5', timezone: zone });
  });

  it('shows the server’s refusal of a custom expression in words, and turns the routine off', async () => {
    renderApp(server.client, `/sops/${active}?tab=runs`);
    await userEvent.click(await screen.findByRole('radio', { name: 'Custom' }));
    const cron = screen.getByRole('textbox', { name: /Cron expression/ });
    await userEvent.clear(cron);
    await userEvent.type(cron, '61 * * * *');
    await userEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The routine was not saved');
    expect(alert.textContent).toMatch(/Schedule "61 \* \* \* \*" is not a cron expression/);
    expect(screen.getByText('The server refused this expression (see below).')).toBeTruthy();
    await userEvent.click(screen.getByRole('switch', { name: 'Run on a schedule' }));
    await screen.findByText('Off: the SOP runs only when someone presses Run.');
    const { sop } = await server.client.get<{ sop: { routine: { enabled: boolean; schedule: string } } }>(`/api/sops/${active}`);
    expect(sop.routine).toMatchObject({ enabled: false, schedule: '0 9 * * 1-5' });
  });

  it('says why a draft cannot run on a schedule', async () => {
    renderApp(server.client, `/sops/${draft}?tab=runs`);
    await userEvent.click(await screen.findByRole('switch', { name: 'Run on a schedule' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/is draft; only an active SOP runs on a schedule/);
  });

  it('asks for the SOP’s inputs (never its secret), shows the server’s refusal naming a missing one, and saves the routine with them', async () => {
    renderApp(server.client, `/sops/${deploy}?tab=runs`);
    const form = await screen.findByRole('group', { name: 'Inputs of each run' });
    expect(within(form).queryByRole('textbox', { name: /registry_token/ })).toBeNull();
    expect(within(form).getByText(/registry_token is a secret: a routine never keeps secrets/)).toBeTruthy();
    await userEvent.click(screen.getByRole('switch', { name: 'Run on a schedule' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/missing required input: git_ref/);
    await userEvent.type(within(form).getByRole('textbox', { name: /git_ref/ }), 'main');
    await userEvent.type(within(form).getByRole('spinbutton', { name: /replicas/ }), '3');
    await userEvent.click(screen.getByRole('button', { name: 'Save and turn on' }));
    await screen.findByRole('list', { name: 'Next fire times' });
    const { sop } = await server.client.get<{ sop: { routine: { enabled: boolean; inputs: Record<string, unknown> } } }>(`/api/sops/${deploy}`);
    expect(sop.routine).toMatchObject({ enabled: true, inputs: { git_ref: 'main', replicas: 3 } });
  });
});
