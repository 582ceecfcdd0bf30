import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { axeViolations, screenshot, signIn } from './page-checks.js';
import { serveTemporaryStore, type ServedStore } from './serve-fixture.js';

/** Two checks in parallel joined, a decision, an approval gate in the finance lane, a high-risk payment. */
const SUPPLIER_PAYMENT = `osop_version: "1.0"
id: supplier-payment
name: Supplier payment
description: Pay a supplier invoice after two checks in parallel and a finance approval.
roles: [ops, finance]
nodes:
  - { id: receive, type: system, name: Receive the invoice, runtime: { action: noop } }
  - { id: match_po, type: system, name: Match the purchase order, runtime: { action: noop } }
  - id: check_vendor
    type: human
    name: Check the vendor
    role: ops
    form:
      type: object
      required: [vendor_ok]
      properties:
        vendor_ok: { type: boolean, title: Vendor is known }
  - { id: checks_done, type: gateway, name: Vendor known?, runtime: { action: noop } }
  - id: approve
    type: human
    name: Approve the payment
    role: finance
    approval_gate: { required: true, approver_role: finance }
  - id: pay
    type: system
    name: Pay the supplier
    security: { risk_level: high }
    runtime: { action: noop }
  - { id: reject, type: system, name: Return the invoice, runtime: { action: noop } }
edges:
  - { from: receive, to: match_po, mode: parallel }
  - { from: receive, to: check_vendor, mode: parallel }
  - { from: match_po, to: checks_done, join_mode: wait_all }
  - { from: check_vendor, to: checks_done, join_mode: wait_all }
  - { from: checks_done, to: approve, mode: conditional, when: "steps.check_vendor.outputs.vendor_ok == true", label: vendor known }
  - { from: checks_done, to: reject, mode: conditional, when: "steps.check_vendor.outputs.vendor_ok == false", label: vendor unknown }
  - { from: approve, to: pay }
`;

const STEP_NAMES = ['Receive the invoice', 'Match the purchase order', 'Check the vendor', 'Vendor known?', 'Approve the payment', 'Pay the supplier', 'Return the invoice'];

const node = (page: Page, name: string) => page.locator(`.react-flow__node[aria-label^="${name},"]`);

async function openTab(page: Page, name: 'Graph' | 'Versions'): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

describe('the Graph and Versions tabs against a real sopflow serve', () => {
  let served: ServedStore;
  let browser: Browser;
  let sopId: string;

  before(async () => {
    served = await serveTemporaryStore();
    browser = await launchChromium();
    const created = await served.api('POST', '/api/sops', { osop: SUPPLIER_PAYMENT });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    sopId = created.json.sop.id;
    assert.equal((await served.api('POST', `/api/sops/${sopId}/publish`)).status, 200);
  });

  after(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('draws every step in its lane, follows a run live on the graph, and publishes a new version after comparing it', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, colorScheme: 'light' });
    const page = await context.newPage();
    const graphChunk = page.waitForRequest((r) => /\/assets\/process-graph-[^/]+\.js$/.test(r.url()));
    await signIn(page, `${served.url}/sops/${sopId}`);
    await page.getByRole('heading', { name: 'Supplier payment' }).waitFor();
    await openTab(page, 'Graph');
    await graphChunk;

    // Every step, every connection, a lane per role; decision, approval, risk and the join in words.
    for (const name of STEP_NAMES) await node(page, name).waitFor();
    assert.equal(await page.locator('.react-flow__node-step').count(), STEP_NAMES.length);
    await page.locator('.react-flow__edge').nth(6).waitFor();
    assert.equal(await page.locator('.react-flow__edge').count(), 7);
    assert.deepEqual(await page.locator('.react-flow__node-lane').allTextContents(), ['ops', 'finance', 'No role']);
    assert.equal(await node(page, 'Vendor known?').getAttribute('aria-label'), 'Vendor known?, system step, no role, decision, Join: waits for all');
    assert.match(await node(page, 'Approve the payment').innerText(), /Approval gate: finance/);
    assert.match(await node(page, 'Pay the supplier').innerText(), /Risk high/);
    assert.match(await node(page, 'Receive the invoice').innerText(), /Parallel branches/);
    await page.getByText('vendor known', { exact: true }).waitFor();
    // Each step's lane band contains it.
    const laneOf = async (name: string) => {
      const box = (await node(page, name).boundingBox())!;
      for (const lane of await page.locator('.react-flow__node-lane').all()) {
        const l = (await lane.boundingBox())!;
        if (box.y >= l.y && box.y + box.height <= l.y + l.height) return lane.innerText();
      }
      return null;
    };
    assert.equal(await laneOf('Check the vendor'), 'ops');
    assert.equal(await laneOf('Approve the payment'), 'finance');
    assert.equal(await laneOf('Pay the supplier'), 'No role');

    // Keyboard: steps take the focus with their names, Tab goes on to the next one.
    await node(page, 'Receive the invoice').focus();
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Receive the invoice, system step/);
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''), /^Match the purchase order, /);

    // A run: the person's step is highlighted as running, live, and done after its task — never reloaded.
    await page.getByRole('button', { name: /^Run$/ }).click();
    await page.locator('.react-flow__node[aria-current="step"]').waitFor();
    assert.match((await page.locator('.react-flow__node[aria-current="step"]').getAttribute('aria-label'))!, /^Check the vendor, .*running now$/);
    assert.match(await node(page, 'Check the vendor').innerText(), /Running now/);
    assert.match((await node(page, 'Match the purchase order').getAttribute('aria-label'))!, /, done$/);
    await screenshot(page, 'graph');
    assert.deepEqual(await axeViolations(page), [], 'Graph tab: serious or critical axe violations');

    const task = (await served.api('GET', '/api/tasks')).json.tasks.find((t: { stepId: string }) => t.stepId === 'check_vendor');
    assert.equal((await served.api('POST', `/api/tasks/${task.id}/complete`, { data: { vendor_ok: true } })).status, 200);
    await page.locator('.react-flow__node[aria-label^="Check the vendor,"][aria-label$=", done"]').waitFor();
    assert.equal(await node(page, 'Check the vendor').getAttribute('aria-current'), null);

    // Versions: a new draft equals its source; edited (the approval gate dropped), the diff says so; then publish.
    await openTab(page, 'Versions');
    await page.getByRole('table', { name: 'Versions' }).waitFor();
    await page.getByRole('button', { name: 'New draft from v1.0.0' }).click();
    await page.getByText(/^No differences: v1\.0\.0 \(published, current\) and v1\.1\.0 \(draft\)/).waitFor();
    const draftId = (await served.api('GET', `/api/sops/${sopId}/versions`)).json.versions.find((v: { state: string }) => v.state === 'draft').id;
    const edited = SUPPLIER_PAYMENT.replace('    approval_gate: { required: true, approver_role: finance }\n', '');
    assert.equal((await served.api('PUT', `/api/sops/${sopId}/versions/${draftId}`, { osop: edited })).status, 200);
    await openTab(page, 'Graph');
    await openTab(page, 'Versions');
    const summary = page.getByRole('list', { name: 'Semantic summary' });
    await summary.getByText(/approval gate removed from step "Approve the payment" \(approve\)/).waitFor();
    const side = page.getByRole('region', { name: 'To: v1.1.0 (draft)' });
    await side.locator('li', { hasText: 'Approve the payment' }).getByText('changed').waitFor();
    await screenshot(page, 'versions');
    assert.deepEqual(await axeViolations(page), [], 'Versions tab: serious or critical axe violations');

    await page.getByRole('button', { name: 'Publish v1.1.0' }).click();
    const dialog = page.getByRole('dialog', { name: 'Publish v1.1.0 (draft)?' });
    await dialog.waitFor();
    assert.deepEqual(await axeViolations(page), [], 'publish dialog: serious or critical axe violations');
    await dialog.getByRole('button', { name: 'Publish v1.1.0' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: 'v1.1.0' }).getByText('published').waitFor();
    const sop = (await served.api('GET', `/api/sops/${sopId}`)).json.sop;
    assert.equal(sop.version.semver, '1.1.0');
    assert.equal(sop.version.approvedBy, 'ops@acme.test');
    await context.close();
  });

  it('keeps both tabs readable in the dark theme (axe, screenshots)', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, colorScheme: 'dark' });
    const page = await context.newPage();
    await signIn(page, `${served.url}/sops/${sopId}?tab=graph`);
    await node(page, 'Pay the supplier').waitFor();
    assert.equal(await page.locator('html').getAttribute('data-mantine-color-scheme'), 'dark');
    await screenshot(page, 'graph-dark');
    assert.deepEqual(await axeViolations(page), [], 'Graph tab (dark): serious or critical axe violations');
    await openTab(page, 'Versions');
    await page.getByRole('list', { name: 'Semantic summary' }).waitFor();
    await screenshot(page, 'versions-dark');
    assert.deepEqual(await axeViolations(page), [], 'Versions tab (dark): serious or critical axe violations');
    await context.close();
  });
});
