// bench/web: the web app in Debian's Chromium (playwright-core) against a real sopflow server
// (bench/server's seeded server, in its own process) holding --sops SOPs. Needs the built app:
// run `npm run build` first.
//   node --conditions=sopflow-source --import tsx bench/web/run.ts [--sops 500] [--loads 5] [--changes 20]
//   SOPFLOW_WEB_DIR=/tmp/web-before node ... bench/web/run.ts   (a build kept from before a change)
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../apps/web/e2e/launch-chromium.js';
import { startBenchServer } from '../server/bench-server.js';
import { describeMachine, loadNow, readFlags } from '../server/machine-note.js';
import { benchSop, seedLibrary } from '../server/seed-library.js';
import { quantile } from '../server/sse-fanout.js';
import { loadLibrary, scriptSizes, type LibraryLoad } from './library-load.js';
import { measureStepChanges, type StepChange } from './step-changes.js';

const flags = readFlags({ sops: 500, loads: 5, changes: 20 });
// The app the seeded server serves: SOPFLOW_WEB_DIR (a build kept from before a change), else apps/web/dist.
const DIST = process.env.SOPFLOW_WEB_DIR || fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
if (!existsSync(`${DIST}/index.html`)) {
  console.error(`no built web app at ${DIST}: run \`npm run build\` first`);
  process.exit(2);
}
const loadBefore = loadNow();

const server = await startBenchServer();
const browser = await launchChromium();
const chromium = browser.version();
const loads: LibraryLoad[] = [];
let changes: StepChange[];
try {
  await seedLibrary(server, { sops: flags.sops - 1, inFlight: Math.ceil(flags.sops / 12), completed: Math.ceil(flags.sops / 8) });
  const live = (await server.api('POST', '/api/sops', { osop: benchSop('bench-live', 'Live steps', flags.changes + 1, flags.changes + 1) }, 201)).json.sop.id as string;
  await server.api('POST', `/api/sops/${live}/publish`, undefined, 200);
  await loadLibrary(browser, server, flags.sops); // warm-up: the server's first page reads, not reported
  for (let i = 0; i < flags.loads; i++) loads.push(await loadLibrary(browser, server, flags.sops));
  changes = await measureStepChanges(browser, server, live, flags.changes);
} finally {
  await browser.close();
  await server.stop();
}

const interactive = loads.map((l) => l.interactiveMs);
const lags = changes!.map((c) => c.shownAt - c.recordedAt);
const scripts = scriptSizes(DIST, loads[0]!.scripts);
const gzip = scripts.reduce((n, s) => n + s.gzip, 0);
const raw = scripts.reduce((n, s) => n + s.raw, 0);
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

console.log(`\nsopflow web app in Debian Chromium ${chromium} (headless, playwright-core 1.65.1), server with ${flags.sops} SOPs on SQLite in its own process`);
console.log(`${describeMachine()}; load average (1 min) ${loadBefore} before, ${loadNow()} after, shared with other jobs\n`);
console.log('| measure | result | goal |');
console.log('|---|---:|---|');
console.log(`| library with ${flags.sops} SOPs interactive after navigation ("Search SOPs" enabled, "${flags.sops} of ${flags.sops} SOPs", the first page's rows rendered), median of ${loads.length} cold loads | ${Math.round(quantile(interactive, 0.5))} ms (${interactive.map(Math.round).join(', ')}) | < 1.5 s |`);
console.log(`| step state change visible after the engine records it (StepCompleted \`at\` → DOM shows done), p50 of ${lags.length} | ${quantile(lags, 0.5)} ms (p90 ${quantile(lags, 0.9)}, max ${Math.max(...lags)}) | < 300 ms |`);
console.log(`| initial JavaScript on first navigation to the library, gzipped (${scripts.length} scripts) | ${kB(gzip)} kB (${kB(raw)} kB raw) | < 350 kB |`);
const pagesFrom = quantile(loads.map((l) => l.listPages[0]?.startMs ?? 0), 0.5);
const pagesBy = quantile(loads.map((l) => Math.max(0, ...l.listPages.map((p) => p.endMs))), 0.5);
console.log(`\nlibrary's GET /api/sops pages (median of the loads): ${loads[0]!.listPages.length} asked for from ${Math.round(pagesFrom)} ms, all arrived by ${Math.round(pagesBy)} ms after navigation start`);
console.log('largest scripts loaded (gzipped kB):', scripts.slice(0, 6).map((s) => `${s.path.replace('/assets/', '')} ${kB(s.gzip)}`).join(', '));
