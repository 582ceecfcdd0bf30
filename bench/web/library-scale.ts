// bench/web: the library with many SOPs in Debian's Chromium — time to first render and to apply
// (and clear) a search, at each size of --sizes. One seeded server (bench/server's, in its own
// process) grows from one size to the next; the web app it serves is apps/web/dist, or
// SOPFLOW_WEB_DIR (a build kept from before a change, for a before/after). Prints a table.
//   node --conditions=sopflow-source --import tsx bench/web/library-scale.ts [--sizes 500,5000] [--loads 3] [--searches 3]
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../apps/web/e2e/launch-chromium.js';
import { startBenchServer, type BenchServer } from '../server/bench-server.js';
import { describeMachine, loadNow, readFlags } from '../server/machine-note.js';
import { benchSop } from '../server/seed-library.js';
import { quantile } from '../server/sse-fanout.js';
import { signedInContext } from './library-load.js';

const VERBS = ['Review', 'Approve', 'Reconcile', 'Onboard', 'Close', 'Escalate', 'Audit', 'Renew', 'Refund', 'Archive'];
const NOUNS = ['invoice', 'vendor', 'ticket', 'payroll run', 'contract', 'incident', 'access request', 'shipment', 'expense claim', 'laptop'];
const TERM = 'invoice';

const flags = readFlags({ sizes: '500,5000', loads: 3, searches: 3 });
const sizes = flags.sizes.split(',').map(Number).sort((a, b) => a - b);

/** The SOP title of the i-th seeded SOP (every tenth holds TERM). */
const titleOf = (i: number) => `${VERBS[Math.floor(i / NOUNS.length) % VERBS.length]} ${NOUNS[i % NOUNS.length]} ${String(i + 1).padStart(4, '0')}`;

/** Adds SOPs `from`..`to` - 1 through the API, four at a time, 9 in 10 published. */
async function addSops(server: BenchServer, from: number, to: number, workstreams: string[]): Promise<void> {
  let next = from;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < to) {
      const i = next++;
      const created = await server.api('POST', '/api/sops', { osop: benchSop(`bench-${i + 1}`, titleOf(i), 3 + (i % 7)), workstreamId: workstreams[i % 2], allowOverlap: true }, 201);
      if (i % 10 !== 9) await server.api('POST', `/api/sops/${created.json.sop.id as string}/publish`, undefined, 200);
    }
  }));
}

/**
 * Page-side: resolves with performance.now() at the first frame after `ready()` holds (a
 * MutationObserver checks it; then one requestAnimationFrame and a task, i.e. after the paint).
 */
const WHEN_SHOWN = `window.whenShown = (ready) => new Promise((resolve) => {
  const done = () => { observer.disconnect(); requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)); };
  const observer = new MutationObserver(() => { if (ready()) done(); });
  if (ready()) done(); else observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
});`;

/** Page-side: the library is shown — "Search SOPs" enabled, "`shown` of `total` SOPs" said, and a row link for an SOP rendered. */
const libraryShown = (shown: number, total: number) => `() => {
  const search = document.querySelector('input[aria-label="Search SOPs"]');
  return search !== null && !search.disabled && document.body.textContent.includes('${shown} of ${total} SOPs')
    && document.querySelector('tbody a[href^="/sops/"]') !== null;
}`;

/** One cold load: ms from navigation start until the library with `total` SOPs is shown. */
async function firstRender(browser: Browser, server: BenchServer, total: number): Promise<{ ms: number; rows: number }> {
  const context = await signedInContext(browser, server);
  try {
    const page = await context.newPage();
    await page.addInitScript(`${WHEN_SHOWN}; window.libraryShownAt = window.whenShown(${libraryShown(total, total)});`);
    await page.goto(`${server.url}/`);
    const ms = await page.evaluate(() => (window as unknown as { libraryShownAt: Promise<number> }).libraryShownAt);
    return { ms, rows: await page.locator('tbody tr').count() };
  } finally {
    await context.close();
  }
}

/** ms from the input event that sets "Search SOPs" to `value` until the library says "`shown` of `total` SOPs" (after the paint). */
async function applySearch(page: Page, value: string, shown: number, total: number): Promise<number> {
  return page.evaluate(`(async () => {
    const input = document.querySelector('input[aria-label="Search SOPs"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    setValue.call(input, ${JSON.stringify(value)});
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return (await window.whenShown(${libraryShown(shown, total)})) - start;
  })()`) as Promise<number>;
}

/** The searches, in a page opened once: TERM applied, then cleared, `times` times each. */
async function searches(browser: Browser, server: BenchServer, total: number, times: number): Promise<{ apply: number[]; clear: number[] }> {
  const context = await signedInContext(browser, server);
  const matching = Array.from({ length: total }, (_, i) => titleOf(i)).filter((t) => t.toLowerCase().includes(TERM)).length;
  try {
    const page = await context.newPage();
    await page.addInitScript(WHEN_SHOWN);
    await page.goto(`${server.url}/`);
    await page.getByText(`${total} of ${total} SOPs`).waitFor({ timeout: 120_000 });
    const apply: number[] = [];
    const clear: number[] = [];
    for (let k = 0; k < times; k++) {
      apply.push(await applySearch(page, TERM, matching, total));
      clear.push(await applySearch(page, '', total, total));
    }
    return { apply, clear };
  } finally {
    await context.close();
  }
}

const loadBefore = loadNow();
const server = await startBenchServer();
const browser = await launchChromium();
const chromium = browser.version();
const rows: string[] = [];
try {
  const workstreams: string[] = [];
  for (const name of ['Operations', 'Finance']) workstreams.push((await server.api('POST', '/api/workstreams', { name }, 201)).json.workstream.id as string);
  let seeded = 0;
  for (const size of sizes) {
    await addSops(server, seeded, size, workstreams);
    seeded = size;
    await firstRender(browser, server, size); // warm-up: the server's first page reads, not reported
    const loads: { ms: number; rows: number }[] = [];
    for (let i = 0; i < flags.loads; i++) loads.push(await firstRender(browser, server, size));
    const { apply, clear } = await searches(browser, server, size, flags.searches);
    const ms = (values: number[]) => `${Math.round(quantile(values, 0.5))} ms (${values.map(Math.round).join(', ')})`;
    rows.push(`| ${size} | ${ms(loads.map((l) => l.ms))} | ${loads[0]!.rows} | ${ms(apply)} | ${ms(clear)} |`);
  }
} finally {
  await browser.close();
  await server.stop();
}

console.log(`\nsopflow library in Debian Chromium ${chromium} (headless), web app ${process.env.SOPFLOW_WEB_DIR ?? 'apps/web/dist'}, server on SQLite in its own process`);
console.log(`${describeMachine()}; load average (1 min) ${loadBefore} before, ${loadNow()} after, shared with other jobs\n`);
console.log(`| SOPs | first render after navigation, median of ${flags.loads} cold loads | table rows in the DOM | search "${TERM}" applied, median of ${flags.searches} | search cleared, median of ${flags.searches} |`);
console.log('|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
