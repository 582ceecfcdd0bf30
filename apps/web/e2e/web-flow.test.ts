import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { axeViolations, screenshot } from './page-checks.js';
import { OPS_EMAIL, OPS_PASSWORD, REPO_ROOT, serveTemporaryStore, type ServedStore } from './serve-fixture.js';

const ACCEPTANCE = join(REPO_ROOT, '..', 'shared', 'acceptance', 'browser-flow.cjs');

const sopText = (id: string, name: string, extra = '') => `osop_version: "1.0"
id: ${id}
name: ${name}
description: ${extra || 'Check an incoming ticket before it is closed.'}
nodes:
  - { id: intake, type: system, name: Take the ticket, runtime: { action: noop } }
  - id: review
    type: human
    name: Review the ticket
    role: ops
    form:
      type: object
      required: [ticket]
      properties:
        ticket: { type: string, title: Ticket number }
        urgent: { type: boolean, title: Urgent }
  - { id: close, type: system, name: Close the ticket, runtime: { action: noop } }
edges:
  - { from: intake, to: review, mode: sequential }
  - { from: review, to: close, mode: sequential }
`;

const stepRow = (page: Page, title: string) => page.locator('tr', { hasText: title }).first();

describe('the web app against a real sopflow serve', () => {
  let served: ServedStore;
  let browser: Browser;
  let sopTitle: string;

  before(async () => {
    served = await serveTemporaryStore();
    browser = await launchChromium();
    const ops = (await served.api('POST', '/api/workstreams', { name: 'Operations' })).json.workstream;
    const fin = (await served.api('POST', '/api/workstreams', { name: 'Finance' })).json.workstream;
    sopTitle = 'Ticket review';
    const seeds = [
      { osop: sopText('ticket-review', sopTitle), workstreamId: ops.id, publish: true },
      { osop: sopText('invoice-check', 'Invoice check', 'Match an invoice to its purchase order.'), workstreamId: fin.id, publish: true },
      { osop: sopText('vendor-onboarding', 'Vendor onboarding', 'Collect the documents of a new vendor.'), workstreamId: fin.id, publish: false },
      { osop: sopText('shift-handover', 'Shift handover', 'Hand the open incidents to the next shift.'), workstreamId: ops.id, publish: true },
    ];
    for (const seed of seeds) {
      const created = await served.api('POST', '/api/sops', { osop: seed.osop, workstreamId: seed.workstreamId });
      assert.equal(created.status, 201, JSON.stringify(created.json));
      if (seed.publish) assert.equal((await served.api('POST', `/api/sops/${created.json.sop.id}/publish`)).status, 200);
      // One SOP's person step on trial, so the library's delegation mixes differ.
      if (seed.osop.includes('id: shift-handover')) {
        const promoted = await served.api('POST', `/api/sops/${created.json.sop.id}/steps/review/delegation`, { direction: 'promote', reason: 'try an agent beside the person' });
        assert.equal(promoted.status, 201, JSON.stringify(promoted.json));
        assert.equal((await served.api('POST', `/api/sops/${created.json.sop.id}/versions/${promoted.json.version.id}/publish`)).status, 200);
      }
    }
  });

  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('serves the app for deep links and keeps /api 404s as JSON', async () => {
    const page = await fetch(`${served.url}/tasks`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="root"><\/div>/);
    const api = await fetch(`${served.url}/api/nothing-here`, { headers: { authorization: `Bearer ${served.token}` } });
    assert.equal(api.status, 404);
    assert.equal((await api.json()).error.code, 'not_found');
  });

  it('signs in, searches, runs an SOP, completes its human step in the inbox and sees the run finish live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    // Who-am-I says this server is no hub: the nav asks nothing of /api/hub (it probed, and logged a 404, before).
    const hubAsks: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/hub')) hubAsks.push(r.url()); });
    await page.goto(served.url + '/');
    await page.getByLabel('Email').fill(OPS_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Could not sign in' }).waitFor();

    await page.getByLabel('Password').fill(OPS_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Search SOPs').waitFor();
    await page.getByRole('link', { name: 'Invoice check' }).waitFor();
    const invoiceRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Invoice check' }) });
    await invoiceRow.getByText('Never', { exact: true }).waitFor();
    await page.getByRole('columnheader', { name: 'Steps' }).waitFor();
    await page.getByRole('columnheader', { name: 'Delegation' }).waitFor();
    await invoiceRow.getByText('1 human', { exact: true }).waitFor();
    await invoiceRow.getByText('2 autonomous', { exact: true }).waitFor();
    const handoverRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Shift handover' }) });
    await handoverRow.getByText('1 trialing', { exact: true }).waitFor();
    assert.equal(await handoverRow.getByText('1 human', { exact: true }).count(), 0, 'the promoted step is counted once, as trialing');
    assert.deepEqual(hubAsks, []);
    await screenshot(page, 'library');
    assert.deepEqual(await axeViolations(page), [], 'library: serious or critical axe violations');

    await page.getByLabel('Search SOPs').fill('ticket');
    await page.getByRole('link', { name: 'Invoice check' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: sopTitle }).click();

    const run = page.getByRole('button', { name: /^Run$/ });
    await run.waitFor();
    assert.equal(await run.isEnabled(), true, 'Run is enabled for an active SOP with no run in flight');
    const stream = page.waitForRequest((r) => /\/api\/runs\/[^/]+\/events$/.test(r.url()));
    await run.click();
    await stream;
    await page.getByText('live — following the run’s events').waitFor();
    await stepRow(page, 'Review the ticket').getByText(/^now$/).waitFor();
    assert.equal(await run.isDisabled(), true, 'Run is disabled while the run is in flight');
    await page.getByText(/A run is in flight/).waitFor();
    await stepRow(page, 'Take the ticket').getByText(/^done$/).waitFor();
    await screenshot(page, 'sop-detail');
    assert.deepEqual(await axeViolations(page), [], 'SOP detail: serious or critical axe violations');

    // The inbox in a second tab; the SOP page stays open and must follow the run without a reload.
    const inbox = await context.newPage();
    await inbox.goto(served.url + '/');
    await inbox.getByRole('link', { name: 'Tasks' }).first().click();
    const card = inbox.getByRole('listitem').filter({ hasText: 'Review the ticket' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Complete' }).click();
    await card.getByText(/is a required property|must have required property/i).first().waitFor();
    await card.getByLabel(/Ticket number/).fill('T-1042');
    await screenshot(inbox, 'tasks');
    assert.deepEqual(await axeViolations(inbox), [], 'tasks: serious or critical axe violations');
    await card.getByRole('button', { name: 'Complete' }).click();
    await card.waitFor({ state: 'detached' });

    await stepRow(page, 'Close the ticket').getByText(/^done$/).waitFor();
    await stepRow(page, 'Review the ticket').getByText(/^done$/).waitFor();
    await page.getByText('completed').first().waitFor();
    await page.getByRole('button', { name: /^Run$/ }).and(page.locator(':enabled')).waitFor();

    const sops = (await served.api('GET', '/api/sops?q=ticket')).json.sops;
    const detail = (await served.api('GET', `/api/sops/${sops[0].id}`)).json.sop;
    assert.equal(detail.run.status, 'completed');
    const tasks = (await served.api('GET', '/api/tasks?status=completed')).json.tasks;
    assert.deepEqual(tasks.map((t: { stepId: string }) => t.stepId), ['review']);

    await page.getByRole('link', { name: /^Open run / }).click();
    await page.getByRole('heading', { name: /^Run / }).waitFor();
    // Each step's performer and duration, from the run's events.
    await page.getByText(`by ${OPS_EMAIL}`, { exact: true }).waitFor();
    assert.equal(await page.getByText('by system', { exact: true }).count(), 2, 'both system steps name their executor kind');
    assert.equal(await page.getByText(/^took \d/).count(), 3, 'every step shows how long it took');
    assert.deepEqual(await axeViolations(page), [], 'run view: serious or critical axe violations');
    await context.close();

    // The dark theme (following the system's): the same pages keep their contrast.
    const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const night = await dark.newPage();
    await night.goto(served.url + '/');
    await night.getByLabel('Email').fill(OPS_EMAIL);
    await night.getByLabel('Password').fill(OPS_PASSWORD);
    await night.getByRole('button', { name: 'Sign in' }).click();
    await night.getByRole('link', { name: 'Invoice check' }).waitFor();
    assert.equal(await night.locator('html').getAttribute('data-mantine-color-scheme'), 'dark');
    await screenshot(night, 'library-dark');
    assert.deepEqual(await axeViolations(night), [], 'library (dark): serious or critical axe violations');
    await night.getByRole('link', { name: sopTitle }).click();
    await stepRow(night, 'Close the ticket').getByText(/^done$/).waitFor();
    assert.deepEqual(await axeViolations(night), [], 'SOP detail (dark): serious or critical axe violations');
    await dark.close();
  });

  it('passes the acceptance browser flow (../shared/acceptance/browser-flow.cjs) when that file exists', { skip: !existsSync(ACCEPTANCE) && 'no ../shared/acceptance/browser-flow.cjs beside the repository' }, () => {
    const r = spawnSync(process.execPath, [ACCEPTANCE], {
      env: { ...process.env, SERVE_URL: served.url, TA: served.token, NODE_PATH: join(REPO_ROOT, 'node_modules') }, encoding: 'utf8',
    });
    assert.equal(r.status, 0, `browser-flow.cjs: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /browser flow: 0 problems/);
  });
});
