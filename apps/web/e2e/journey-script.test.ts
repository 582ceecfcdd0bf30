import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page, Response } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { serveTemporaryStore, type ServedStore } from './serve-fixture.js';

/** A small site on its own 127.0.0.1 origin whose every page embeds the server's /journey.js with this key. */
function startSite(journeyUrl: () => string, key: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    if (!['/', '/pricing', '/checkout'].includes(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><title>Shop ${path}</title>
<script src="${journeyUrl()}" data-key="${key()}"></script></head>
<body><h1>Shop ${path}</h1><a href="/pricing">Pricing</a> <a href="/checkout">Checkout</a></body></html>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

/** The collector's answer to the next beacon the page sends. */
const nextBeacon = (page: Page): Promise<Response> => page.waitForResponse((r) => r.url().includes('/api/journeys/events'));

describe('journey.js in Chromium: a page of another origin records a visit on a real sopflow serve', () => {
  let served: ServedStore;
  let browser: Browser;
  let key = '';
  let allowed: { origin: string; server: Server };
  let other: { origin: string; server: Server };

  before(async () => {
    served = await serveTemporaryStore();
    allowed = await startSite(() => `${served.url}/journey.js`, () => key);
    other = await startSite(() => `${served.url}/journey.js`, () => key);
    key = (JSON.parse(served.cli(['journey', 'key', 'create', '--tenant', 'acme', '--origin', allowed.origin, '--json'])) as { key: string }).key;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    allowed?.server.close();
    other?.server.close();
    await served?.stop();
  });

  /** What a page's own CORS POST to the collector gets: the status it may read, or 'blocked' when the browser refuses it. */
  function corsPost(page: Page): Promise<number | 'blocked'> {
    return page.evaluate(async (url) => {
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ session: 'sess-cors-check-1', step: '/cors-check' }) });
        return res.status;
      } catch {
        return 'blocked' as const;
      }
    }, `${served.url}/api/journeys/events?key=${key}`);
  }

  /** The sessions the server stored, as `sopflow journey logs` writes them. */
  function storedSessions(): string[] {
    const out = join(served.dir, `journeys-${Date.now()}`);
    served.cli(['journey', 'logs', '--tenant', 'acme', '--out', out]);
    return readdirSync(out).map((name) => readFileSync(join(out, name), 'utf8'));
  }

  it('sends each step as a text/plain beacon the server accepts for the allowed origin, and stores the session', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${allowed.origin}/`);
    const session = await page.evaluate(() => (window as unknown as { sopflowJourney: { session: string } }).sopflowJourney.session);
    // Leaving each page flushes its step with sendBeacon (on pagehide); a conversion is sent at once.
    await page.getByRole('link', { name: 'Pricing' }).click();
    await page.getByRole('heading', { name: 'Shop /pricing' }).waitFor();
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByRole('heading', { name: 'Shop /checkout' }).waitFor();
    const converted = nextBeacon(page);
    await page.evaluate(() => (window as unknown as { sopflowJourney: { convert(name: string): void } }).sopflowJourney.convert('paid'));
    const answer = await converted;
    assert.equal(answer.status(), 202);
    assert.match((await answer.request().allHeaders())['content-type'] ?? '', /^text\/plain/);
    assert.equal(answer.request().method(), 'POST');
    assert.equal(await page.evaluate(() => (window as unknown as { sopflowJourney: { session: string } }).sopflowJourney.session), session, 'one session across the pages (sessionStorage)');
    // A beacon's answer is not readable by the page; a CORS fetch shows the browser accepts the collector's grant for this origin.
    assert.equal(await corsPost(page), 202);

    // The pagehide beacons travel on their own; wait until the server has every step of the session.
    let log = '';
    while (!['/pricing', '/checkout', 'paid'].every((step) => log.includes(step))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = storedSessions().find((text) => text.includes(session)) ?? '';
    }
    assert.equal(storedSessions().filter((text) => text.includes(session)).length, 1, 'the three pages are one stored session');
  });

  it('refuses the beacon of a page from another origin, and stores nothing of it', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${other.origin}/`);
    const session = await page.evaluate(() => (window as unknown as { sopflowJourney: { session: string } }).sopflowJourney.session);
    const refused = nextBeacon(page);
    await page.evaluate(() => (window as unknown as { sopflowJourney: { convert(name: string): void } }).sopflowJourney.convert('paid'));
    const answer = await refused;
    assert.equal(answer.status(), 403);
    assert.equal(await corsPost(page), 'blocked', 'no CORS grant for another origin: the browser withholds the answer');
    assert.equal(storedSessions().filter((text) => text.includes(session)).length, 0, 'nothing of the refused page is stored');
  });
});
