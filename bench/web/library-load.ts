import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { LIBRARY_PAGE_SIZE } from '../../apps/web/src/pages/filter-sops.js';
import type { BenchServer } from '../server/bench-server.js';
import { BENCH_EMAIL, BENCH_PASSWORD } from '../server/seeded-server.js';

/**
 * One cold navigation to the library: when it was interactive (ms after navigation start), the
 * scripts it loaded (paths), and when its `GET /api/sops` pages were asked for and had arrived
 * (ms after navigation start, from the page's resource timings).
 */
export interface LibraryLoad { interactiveMs: number; scripts: string[]; listPages: { startMs: number; endMs: number }[] }

/** A fresh browser context (empty cache) signed in as the bench user through the API (the context shares the session cookie). */
export async function signedInContext(browser: Browser, server: BenchServer): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const login = await context.request.post(`${server.url}/api/auth/login`, { data: { email: BENCH_EMAIL, password: BENCH_PASSWORD } });
  if (login.status() !== 200) throw new Error(`sign-in: ${login.status()} ${await login.text()}`);
  return context;
}

/**
 * Opens the library in a fresh context and waits until it is interactive: the "Search SOPs" box is
 * enabled, it says "`rows` of `rows` SOPs" and the first page's link rows are rendered (all `rows`
 * while the library showed every row at once). A MutationObserver installed before the app's scripts
 * notes the first moment all hold (performance.now(), i.e. ms after navigation start).
 */
export async function loadLibrary(browser: Browser, server: BenchServer, rows: number): Promise<LibraryLoad> {
  const context = await signedInContext(browser, server);
  try {
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.endsWith('.js')) scripts.push(path);
    });
    await page.addInitScript(libraryReadyScript(rows));
    await page.goto(`${server.url}/`);
    const handle = await page.waitForFunction(() => (window as unknown as { libraryReadyAt?: number }).libraryReadyAt, undefined, { timeout: 120_000 });
    const listPages = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname === '/api/sops')
      .map((e) => ({ startMs: e.startTime, endMs: (e as PerformanceResourceTiming).responseEnd })));
    return { interactiveMs: (await handle.jsonValue()) as number, scripts, listPages };
  } finally {
    await context.close();
  }
}

/**
 * The page-side watcher, as source text (functions handed to the page must not carry the helpers tsx
 * adds to named functions): notes in `window.libraryReadyAt` the first moment both conditions hold.
 */
function libraryReadyScript(rows: number): string {
  return `(() => {
    const check = function () {
      if (window.libraryReadyAt !== undefined) return;
      const search = document.querySelector('input[aria-label="Search SOPs"]');
      if (search === null || search.disabled) return;
      if (!document.body.textContent.includes('${rows} of ${rows} SOPs')) return;
      if (document.querySelectorAll('tbody a[href^="/sops/"]').length < ${Math.min(rows, LIBRARY_PAGE_SIZE)}) return;
      window.libraryReadyAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  })();`;
}

/** The built files behind `scripts` (paths under the web app's dist) with their raw and gzipped sizes (zlib default level), largest first. */
export function scriptSizes(distDir: string, scripts: string[]): { path: string; raw: number; gzip: number }[] {
  return [...new Set(scripts)].map((path) => {
    const bytes = readFileSync(join(distDir, path));
    return { path, raw: bytes.length, gzip: gzipSync(bytes).length };
  }).sort((a, b) => b.gzip - a.gzip);
}
