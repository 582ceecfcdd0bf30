import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { axeViolations, screenshot, signIn } from './page-checks.js';
import { procedurePdf } from './procedure-pdf.js';
import { serveTemporaryStore, type ServedStore } from './serve-fixture.js';

const STEPS = [
  'The receptionist checks the visitor’s ID.',
  'The receptionist prints a badge.',
  'The host collects the visitor within 10 minutes.',
  'The host returns the badge at the end of the visit.',
];

const EDITED_SOP = `osop_version: "1.0"
id: badge-audit
name: Badge audit
description: Count the visitor badges at the end of the day.
nodes:
  - { id: count, type: human, name: Count the badges, role: ops }
  - { id: report, type: human, name: Report missing badges, role: ops }
edges:
  - { from: count, to: report, mode: sequential }
`;

describe('importing a PDF, reviewing and publishing it, and editing a draft’s YAML, in Chromium against a real sopflow serve', () => {
  let served: ServedStore;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** A signed-in page in the light and one in the dark system theme, each in its own browser context. */
  let page: Page;
  let night: Page;

  async function signedIn(colorScheme: 'light' | 'dark'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
    contexts.push(context);
    const signed = await context.newPage();
    await signIn(signed, served.url + '/');
    await signed.getByLabel('Search SOPs').waitFor();
    return signed;
  }

  before(async () => {
    served = await serveTemporaryStore();
    browser = await launchChromium();
    page = await signedIn('light');
    night = await signedIn('dark');
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.stop();
  });

  it('uploads a PDF, waits for the draft, reviews it beside its source, edits a title and publishes it', async () => {
    const pdfPath = join(served.dir, 'visitor-check-in.pdf');
    writeFileSync(pdfPath, await procedurePdf('Visitor check-in', 'Reception, Host', STEPS));
    await page.goto(served.url + '/');
    await page.getByRole('link', { name: 'Import SOPs' }).click();
    await page.getByRole('heading', { name: 'Import SOPs' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'import page before a file is chosen: serious or critical axe violations');
    await page.locator('input[type="file"]').setInputFiles(pdfPath);
    await page.getByRole('button', { name: 'Import document' }).click();
    const review = page.getByRole('link', { name: 'Review Visitor check-in' });
    await review.waitFor();
    await page.getByText('Imported.').waitFor();
    await page.getByRole('region', { name: 'Drafts' }).getByRole('link', { name: 'Visitor check-in', exact: true }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'import page: serious or critical axe violations');

    await review.click();
    const second = page.getByRole('listitem', { name: /^Step 2:/ });
    await second.getByText('Page 1 · line 5').waitFor();
    await second.getByText(STEPS[1]!, { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Deadline of step 3').inputValue(), '10 min');
    const sopId = new URL(page.url()).pathname.split('/')[2]!;
    await screenshot(page, 'draft-review');
    assert.deepEqual(await axeViolations(page), [], 'draft review: serious or critical axe violations');

    // The same review in the dark theme.
    await night.goto(`${served.url}/drafts/${sopId}`);
    await night.getByLabel('Title of step 1').waitFor();
    assert.equal(await night.locator('html').getAttribute('data-mantine-color-scheme'), 'dark');
    await screenshot(night, 'draft-review-dark');
    assert.deepEqual(await axeViolations(night), [], 'draft review (dark): serious or critical axe violations');

    await page.getByLabel('Title of step 2').fill('Print the visitor badge');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('button', { name: /^Run$/ }).waitFor();
    await page.getByRole('link', { name: 'Library' }).first().click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Visitor check-in', exact: true }) });
    await row.getByText('active', { exact: true }).waitFor();

    const sop = (await served.api('GET', `/api/sops/${sopId}`)).json.sop;
    assert.equal(sop.status, 'active');
    assert.deepEqual(sop.steps.map((s: { title: string }) => s.title), [
      'The receptionist checks the visitor’s ID', 'Print the visitor badge', 'The host collects the visitor within 10 minutes', 'The host returns the badge at the end of the visit',
    ]);
  });

  it('marks an error typed into the editor at its line, and saves once it is fixed', async () => {
    const created = await served.api('POST', '/api/sops', { osop: EDITED_SOP });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const sopId = created.json.sop.id as string;
    await page.goto(`${served.url}/drafts/${sopId}/edit`);
    await page.getByRole('textbox', { name: 'Badge audit: .osop YAML' }).waitFor();
    await page.getByRole('heading', { name: 'No problems' }).waitFor();

    // Type an error at the end of the edge's line: `mode: sequential` becomes `mode: sequentially`.
    const edgeLine = EDITED_SOP.split('\n').findIndex((l) => l.includes('mode: sequential')) + 1;
    await page.locator('.cm-line', { hasText: 'from: count, to: report' }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('ly');
    await page.getByRole('heading', { name: '1 problem' }).waitFor();
    const problems = page.getByRole('list', { name: 'Problems in the document' });
    assert.match(await problems.innerText(), new RegExp(`^Line ${edgeLine}, column \\d+:`));
    await page.locator('.cm-lintRange-error').first().waitFor();
    assert.equal(await page.locator('.cm-lintRange-error').first().innerText(), 'sequentially');
    // The gutter marks the same line: its marker sits level with that line.
    const marker = await page.locator('.cm-gutter-lint .cm-lint-marker-error').first().boundingBox();
    const line = await page.locator('.cm-line').nth(edgeLine - 1).boundingBox();
    assert.ok(marker !== null && line !== null && Math.abs(marker.y + marker.height / 2 - (line.y + line.height / 2)) < line.height, 'the lint gutter marks the edited line');
    await screenshot(page, 'editor');
    assert.deepEqual(await axeViolations(page), [], 'editor: serious or critical axe violations');

    await night.goto(`${served.url}/drafts/${sopId}/edit`);
    await night.getByRole('textbox', { name: 'Badge audit: .osop YAML' }).waitFor();
    await night.locator('.cm-line', { hasText: 'mode: sequential' }).waitFor();
    // The preview is laid out in ELK's worker, after the page has drawn: wait for it.
    await night.getByRole('region', { name: 'Process graph of Badge audit' }).locator('.react-flow__node-step').first().waitFor();
    await screenshot(night, 'editor-dark');
    assert.deepEqual(await axeViolations(night), [], 'editor (dark): serious or critical axe violations');

    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.getByRole('heading', { name: 'No problems' }).waitFor();
    await page.locator('.cm-line', { hasText: 'description: Count the visitor badges' }).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Twice a week.');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    const version = await served.api('GET', `/api/sops/${sopId}/versions/current?format=json`);
    assert.match(version.json.text, /end of the day\. Twice a week\.\n/);
    assert.match(version.json.text, /mode: sequential \}/);
  });
});
