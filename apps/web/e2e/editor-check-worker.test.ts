// The editor checks a 200-step SOP in its Web Worker (osop-check.worker.ts): in Chromium against a real
// `sopflow serve` (needs `npm run build -w apps/web` first).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { largeSop } from './large-sop.js';
import { signIn } from './page-checks.js';
import { serveLargeSop, type ServedLargeSop } from './serve-large-sop.js';

const STEPS = 200;
const BAD_EDGE = '  - { from: s0, to: nowhere }';

/** Page-side, before the app's scripts: the main thread's long tasks (PerformanceObserver), ms after navigation start. */
const WATCH_LONG_TASKS = `(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
})()`;

interface Span { start: number; duration: number }
const now = (page: Page) => page.evaluate(() => performance.now());
const longTasksSince = async (page: Page, from: number) => (await page.evaluate(() => (window as unknown as { longTasks: Span[] }).longTasks)).filter((t) => t.start + t.duration > from);
/** The problems section, which says where its newest answer was made (`data-checked-by`). */
const problems = (page: Page) => page.locator('section[aria-labelledby="editor-problems"]');

describe('the editor checks a 200-step SOP in a Web Worker (a real sopflow serve, Chromium)', () => {
  let large: ServedLargeSop;

  before(async () => {
    large = await serveLargeSop(STEPS);
  });

  after(() => large?.stop());

  it('marks an invalid edit at its line and column and clears it once fixed, every answer from the worker', async (t) => {
    const context = await large.browser.newContext({ viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.addInitScript(WATCH_LONG_TASKS);
    await signIn(page, `${large.served.url}/drafts/${large.sopId}/edit`);
    await page.getByRole('heading', { name: 'No problems' }).waitFor({ timeout: 120_000 });
    assert.equal(await problems(page).getAttribute('data-checked-by'), 'worker');
    assert.ok(workers.some((url) => /\/assets\/osop-check\.worker-[^/]*\.js$/.test(url)), `the check's worker started (workers: ${workers.join(', ')})`);
    // The outline came with the worker's answer: the page itself never loaded the format's check (osop-check-text-*.js).
    assert.match(await page.getByLabel('Outline of the workflow').innerText(), /\S/);
    const pageScripts = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.endsWith('.js')));
    assert.ok(pageScripts.length > 0 && !pageScripts.some((name) => /\/osop-check-text-[^/]*\.js$/.test(name)), `the page's scripts: ${pageScripts.join(', ')}`);

    // An edge to a node that does not exist, typed on the last line.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    const typedFrom = await now(page);
    await page.keyboard.type(BAD_EDGE);
    // An answer for a text typed half-way ("to: nowh") may show first: wait for the whole word's.
    const list = page.getByRole('list', { name: 'Problems in the document' });
    await list.filter({ hasText: '"nowhere" is not a node' }).waitFor({ timeout: 60_000 });
    const answeredAt = await now(page);
    assert.equal(await page.getByRole('heading', { name: '1 problem' }).count(), 1);
    const lastLine = largeSop(STEPS).split('\n').length; // the empty line after the text's final newline
    assert.match(await list.innerText(), new RegExp(`Line ${lastLine}, column \\d+:.*"nowhere" is not a node`));
    assert.equal(await problems(page).getAttribute('data-checked-by'), 'worker');
    // The linter's marks come from the same answer (250 ms after the last key): the word underlined, a marker in the gutter.
    await page.locator('.cm-lintRange-error', { hasText: /^nowhere$/ }).waitFor();
    assert.equal(await page.locator('.cm-lintRange-error').count(), 1);
    assert.equal(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count(), 1);
    const during = await longTasksSince(page, typedFrom);
    t.diagnostic(`invalid edit answered ${Math.round(answeredAt - typedFrom)} ms after the first key; main-thread long tasks meanwhile: ${during.map((d) => Math.round(d.duration)).join(', ') || 'none'} ms`);

    for (let i = 0; i < BAD_EDGE.length; i++) await page.keyboard.press('Backspace');
    await page.getByRole('heading', { name: 'No problems' }).waitFor({ timeout: 60_000 });
    await page.locator('.cm-lintRange-error').waitFor({ state: 'detached' });
    assert.equal(await page.locator('.cm-gutter-lint .cm-lint-marker-error').count(), 0);
    assert.equal(await problems(page).getAttribute('data-checked-by'), 'worker');
    await context.close();
  });
});
