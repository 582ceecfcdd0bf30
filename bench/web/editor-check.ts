// bench/web: the editor's main-thread time per keystroke and pause in a 200-step SOP, in Debian's
// Chromium against bench/server's seeded server (its own process, SQLite), which serves apps/web/dist
// or SOPFLOW_WEB_DIR (a build kept from before a change, for a before/after). Prints a table.
//   node --conditions=sopflow-source --import tsx bench/web/editor-check.ts [--steps 200] [--keys 10] [--pause 1500]
import type { CDPSession, Page } from 'playwright-core';
import { largeSop } from '../../apps/web/e2e/large-sop.js';
import { launchChromium } from '../../apps/web/e2e/launch-chromium.js';
import { startBenchServer } from '../server/bench-server.js';
import { describeMachine, loadNow, readFlags } from '../server/machine-note.js';
import { quantile } from '../server/sse-fanout.js';
import { signedInContext } from './library-load.js';

const flags = readFlags({ steps: 200, keys: 10, pause: 1500 });

/** Main-thread time per key press and pause: CPU, and the wall time its scripts ran. */
interface Spent { cpu: number; script: number }

/**
 * The renderer main thread so far (ms; the page's own thread, not its workers'): its CPU time (Chromium's
 * `ThreadTime`, which other jobs on a shared machine do not stretch) and how long its scripts ran (`ScriptDuration`, wall time).
 */
async function mainThread(cdp: CDPSession): Promise<Spent> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)!.value * 1000;
  return { cpu: metric('ThreadTime'), script: metric('ScriptDuration') };
}

/** Main-thread time for each of `keys` key presses followed by a pause of `pause` ms (the linter's 250 ms delay, the check, its marks and list). */
async function perKeystroke(page: Page, cdp: CDPSession, key: string, keys: number, pause: number): Promise<Spent[]> {
  const spent: Spent[] = [];
  for (let k = 0; k < keys; k++) {
    const before = await mainThread(cdp);
    await page.keyboard.press(key);
    await page.waitForTimeout(pause);
    const after = await mainThread(cdp);
    spent.push({ cpu: after.cpu - before.cpu, script: after.script - before.script });
  }
  return spent;
}

const loadBefore = loadNow();
const server = await startBenchServer();
const browser = await launchChromium();
const chromium = browser.version();
let invalid: Spent[];
let valid: Spent[];
try {
  const sopId = (await server.api('POST', '/api/sops', { osop: largeSop(flags.steps) }, 201)).json.sop.id as string;
  const context = await signedInContext(browser, server);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.url}/drafts/${sopId}/edit`);
  await page.getByRole('heading', { name: 'No problems' }).waitFor({ timeout: 120_000 });
  await page.locator('.react-flow__node-step').nth(flags.steps - 1).waitFor({ state: 'attached', timeout: 120_000 });
  await page.waitForTimeout(flags.pause);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  // Invalid: an edge to a node that does not exist, its name typed on (the preview keeps the last valid workflow).
  await page.keyboard.type('  - { from: s0, to: nowhere }');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.getByRole('heading', { name: '1 problem' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(flags.pause);
  invalid = await perKeystroke(page, cdp, 'x', flags.keys, flags.pause);
  // Valid: the edge removed, then a comment typed on (each key a new valid workflow: the preview is laid out and drawn again).
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('# a note ');
  await page.getByRole('heading', { name: 'No problems' }).waitFor({ timeout: 120_000 });
  await page.waitForTimeout(flags.pause);
  valid = await perKeystroke(page, cdp, 'x', flags.keys, flags.pause);
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}

const ms = (values: number[]) => `${Math.round(quantile(values, 0.5))} ms (p90 ${Math.round(quantile(values, 0.9))})`;
const row = (what: string, spent: Spent[]) => `| ${what} | ${ms(spent.map((s) => s.cpu))} | ${ms(spent.map((s) => s.script))} |`;
console.log(`\nsopflow editor in Debian Chromium ${chromium} (headless), web app ${process.env.SOPFLOW_WEB_DIR ?? 'apps/web/dist'}, a ${flags.steps}-step SOP`);
console.log(`${describeMachine()}; load average (1 min) ${loadBefore} before, ${loadNow()} after, shared with other jobs\n`);
console.log(`| a key press and a ${flags.pause} ms pause in the editor, median of ${flags.keys} | main-thread CPU (ThreadTime) | main-thread scripts (ScriptDuration, wall) |`);
console.log('|---|---:|---:|');
console.log(row('text stays invalid (the check, its marks and problem list)', invalid!));
console.log(row("text stays valid (the check, and the preview's outline and graph drawn again)", valid!));
