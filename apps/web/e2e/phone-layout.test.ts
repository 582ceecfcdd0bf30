import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { serveDemo, type DemoServer } from './serve-demo.js';

/** A phone's viewport (390 × 844 CSS pixels). */
const PHONE = { width: 390, height: 844 };

/** Where an element sits: its left and right edge in CSS pixels, or null when it is not laid out. */
async function edges(page: Page, name: string, role: 'link' | 'button'): Promise<{ left: number; right: number } | null> {
  const box = await page.getByRole('banner').getByRole(role, { name, exact: true }).boundingBox();
  return box === null ? null : { left: box.x, right: box.x + box.width };
}

describe('the web app on a phone (390 × 844) against a real sopflow serve --demo', () => {
  let served: DemoServer;
  let browser: Browser;

  before(async () => {
    served = await serveDemo();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  async function signedInPhone(): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE });
    const login = await context.request.post(`${served.url}/api/auth/login`, { data: { email: served.email, password: served.password } });
    assert.equal(login.status(), 200);
    return context.newPage();
  }

  it('keeps the theme switch and Sign out on screen, and every nav link reachable inside the bar, without widening the page', async () => {
    const page = await signedInPhone();
    await page.goto(`${served.url}/`);
    await page.getByRole('banner').getByRole('link', { name: 'Admin', exact: true }).waitFor();
    for (const [name, role] of [['Sign out', 'button'], ['Switch to dark theme', 'button']] as const) {
      const box = await edges(page, name, role);
      assert.ok(box !== null && box.left >= 0 && box.right <= PHONE.width, `${name} at ${JSON.stringify(box)} is off a ${PHONE.width} px screen`);
    }
    for (const name of ['Library', 'Tasks', 'Portfolio', 'Admin']) {
      await page.getByRole('banner').getByRole('link', { name, exact: true }).focus();
      const box = await edges(page, name, 'link');
      assert.ok(box !== null && box.left >= 0 && box.right <= PHONE.width, `${name}, focused, at ${JSON.stringify(box)} is off screen`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width);
    await page.context().close();
  });

  it('shows every state badge\'s whole word beside long step titles (a run view) and in the portfolio\'s narrow table', async () => {
    const sops = (await served.api('GET', '/api/sops')).json.sops as { id: string; workflowId: string }[];
    const incident = sops.find((s) => s.workflowId === 'incident-response')!;
    const started = await served.api('POST', `/api/sops/${incident.id}/run`, { inputs: { alert_summary: 'Checkout p99 latency above 2 s' } });
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const page = await signedInPhone();
    for (const [path, ready] of [[`/runs/${started.json.runId}`, 'Acknowledge and take command'], ['/portfolio', 'fix_claim']] as const) {
      await page.goto(served.url + path);
      await page.getByText(ready, { exact: true }).first().waitFor();
      const cut = await page.locator('.mantine-Badge-label').evaluateAll((labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
      assert.deepEqual(cut, [], `badges cut short on ${path}`);
    }
    await page.context().close();
  });
});
