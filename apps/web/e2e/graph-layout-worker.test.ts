import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { largeSopRole } from './large-sop.js';
import { axeViolations, signIn } from './page-checks.js';
import { serveLargeSop, type ServedLargeSop } from './serve-large-sop.js';

const STEPS = 200;
/** The performance measure each finished layout leaves (components/graph/layout-process-graph.ts). */
const LAYOUT_MEASURE = 'sopflow graph layout';

/**
 * Page-side, before the app's scripts: long tasks (PerformanceObserver), the moment each key press
 * reached the page (a capturing keydown listener) and a 5 ms timer's ticks (the main thread's own
 * turns, which no test round trip delays), all in ms after navigation start.
 */
const WATCH_MAIN_THREAD = `(() => {
  window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  window.keysHandled = [];
  addEventListener('keydown', () => window.keysHandled.push(performance.now()), true);
  window.ticks = [];
  setInterval(() => window.ticks.push(performance.now()), 5);
})()`;

interface Span { start: number; duration: number }
const layouts = (page: Page) => page.evaluate((name) => performance.getEntriesByName(name).map((e) => ({ start: e.startTime, duration: e.duration, steps: (e as PerformanceMeasure).detail.steps as number })), LAYOUT_MEASURE);
const watched = (page: Page) => page.evaluate(() => {
  const w = window as unknown as { longTasks: Span[]; keysHandled: number[]; ticks: number[] };
  return { longTasks: w.longTasks, keysHandled: w.keysHandled, ticks: w.ticks };
});

describe('ELK lays a 200-step SOP out in a Web Worker (a real sopflow serve, Chromium)', () => {
  let large: ServedLargeSop;

  before(async () => {
    large = await serveLargeSop(STEPS);
  });

  after(() => large?.stop());

  it('draws the Graph tab from a layout made in the worker: every step placed, in its role’s lane', async () => {
    const context = await large.browser.newContext({ viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await signIn(page, `${large.served.url}/sops/${large.sopId}?tab=graph`);
    await page.locator('.react-flow__node-step').nth(STEPS - 1).waitFor({ state: 'attached', timeout: 120_000 });

    assert.equal(await page.locator('.react-flow__node-step').count(), STEPS);
    assert.ok(workers.some((url) => /\/assets\/elk-worker[^/]*\.js$/.test(url)), `ELK's worker started (workers: ${workers.join(', ')})`);
    assert.deepEqual((await layouts(page)).map((l) => l.steps), [STEPS]);
    assert.deepEqual(await page.locator('.react-flow__node-lane').allTextContents(), ['ops', 'finance', 'legal', 'No role']);
    // Positions from the layout: steps in flow order from left to right, each inside its lane's band.
    const lanes = await page.locator('.react-flow__node-lane').evaluateAll((els) => els.map((el) => ({ name: el.textContent, box: el.getBoundingClientRect().toJSON() as DOMRect })));
    const steps = await page.locator('.react-flow__node-step').evaluateAll((els) => els.map((el) => ({ id: el.getAttribute('data-id')!, box: el.getBoundingClientRect().toJSON() as DOMRect })));
    const at = new Map(steps.map((s) => [s.id, s.box]));
    for (let i = 0; i < STEPS; i++) {
      const box = at.get(`s${i}`)!;
      if (i > 0) assert.ok(box.x > at.get(`s${i - 1}`)!.x, `s${i} right of s${i - 1}`);
      const lane = lanes.find((l) => box.y >= l.box.y && box.y + box.height <= l.box.y + l.box.height);
      assert.equal(lane?.name, largeSopRole(i) ?? 'No role', `s${i} in its lane`);
    }
    await context.close();
  });

  it('keeps the editor responsive while the preview is laid out: the main thread takes turns mid-layout, no long task as long as it; only the newest text drawn', async (t) => {
    const context = await large.browser.newContext({ viewport: { width: 1440, height: 960 } });
    const page = await context.newPage();
    await page.addInitScript(WATCH_MAIN_THREAD);
    await signIn(page, `${large.served.url}/drafts/${large.sopId}/edit`);
    const graph = page.getByRole('region', { name: 'Process graph of Large process' });
    await graph.locator('.react-flow__node-step').nth(STEPS - 1).waitFor({ state: 'attached', timeout: 120_000 });
    const firstLayouts = (await layouts(page)).length;

    // A comment at the end changes the text: once the page has taken it, a new layout is under way
    // (the drawing is busy); then keys that leave the text invalid (the preview keeps the last valid
    // workflow), pressed until that layout has finished.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('# a note');
    await page.keyboard.press('Enter');
    await page.waitForFunction(([name, n]) => document.querySelector('[aria-busy="true"]') !== null || performance.getEntriesByName(name as string).length > (n as number),
      [LAYOUT_MEASURE, firstLayouts] as const, { timeout: 120_000 });
    let pressed = 0;
    do {
      await page.keyboard.press('z');
      pressed++;
    } while ((await layouts(page)).length === firstLayouts && pressed < 400);
    await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length > (n as number), [LAYOUT_MEASURE, firstLayouts] as const, { timeout: 120_000 });
    const layout = (await layouts(page)).at(-1)!;
    const { longTasks, keysHandled, ticks } = await watched(page);
    const within = (at: number) => at > layout.start && at < layout.start + layout.duration;
    const during = keysHandled.filter(within);
    const turns = ticks.filter(within);
    const overlapping = longTasks.filter((task) => task.start < layout.start + layout.duration && task.start + task.duration > layout.start);
    const longest = Math.max(0, ...overlapping.map((task) => task.duration));
    t.diagnostic(`layout of ${layout.steps} steps took ${Math.round(layout.duration)} ms; ${turns.length} timer turns and ${during.length} of ${pressed} key presses handled meanwhile; longest main-thread task then ${Math.round(longest)} ms (${overlapping.length} long tasks)`);
    assert.equal(layout.steps, STEPS);
    // Key presses travel from the test through CDP, so under load the layout may end before the first
    // arrives; the page's own timer turns say the same without a round trip.
    assert.ok(turns.length > 0, `the main thread took turns while the layout ran (${ticks.length} ticks, layout ${Math.round(layout.start)}–${Math.round(layout.start + layout.duration)} ms)`);
    assert.ok(longest < layout.duration, `no main-thread task as long as the layout (${Math.round(longest)} ms vs ${Math.round(layout.duration)} ms)`);
    await page.getByRole('heading', { name: '1 problem' }).waitFor();

    // Back to valid, then the SOP renamed key by key: each key supersedes the layout under way, and
    // the drawing ends on the newest text.
    for (let i = 0; i < pressed; i++) await page.keyboard.press('Backspace');
    await page.getByRole('heading', { name: 'No problems' }).waitFor();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.type(' v2');
    await page.getByRole('region', { name: 'Process graph of Large process v2' }).and(page.locator('[aria-busy="false"]')).waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('.react-flow__node-step').count(), STEPS);
    // A text longer than the editor's height scrolls inside it; that region holds focusable content.
    assert.deepEqual(await axeViolations(page), [], 'editor with a scrolling text: serious or critical axe violations');
    await context.close();
  });
});
