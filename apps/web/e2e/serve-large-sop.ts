import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchChromium } from './launch-chromium.js';
import { largeSop } from './large-sop.js';
import { serveTemporaryStore, type ServedStore } from './serve-fixture.js';

/** A `sopflow serve` on a temporary store holding one large SOP, and Chromium to open it in. */
export interface ServedLargeSop { served: ServedStore; browser: Browser; sopId: string; stop(): Promise<void> }

/** Serves the large SOP of `steps` steps (large-sop.ts) and launches Chromium; `stop()` closes both. */
export async function serveLargeSop(steps: number): Promise<ServedLargeSop> {
  const served = await serveTemporaryStore();
  const browser = await launchChromium().catch(async (error: unknown) => { await served.stop(); throw error; });
  const stop = async () => {
    await browser.close();
    await served.stop();
  };
  const created = await served.api('POST', '/api/sops', { osop: largeSop(steps) });
  if (created.status !== 201) await stop();
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return { served, browser, sopId: created.json.sop.id, stop };
}
