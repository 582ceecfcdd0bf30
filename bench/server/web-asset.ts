// The built web app's largest script (or `--asset NAME` of dist/assets) as a browser fetches it (gzip accepted), from a real sopflow server (seeded-server.ts:
// startServer, every middleware) in its own process: requests per second, p50 / p99, against the same server's 304 for it.
// Needs `npm run build -w apps/web` (or SOPFLOW_WEB_DIR).
//   node --conditions=sopflow-source --import tsx bench/server/web-asset.ts [--seconds 10] [--connections 50] [--asset NAME]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { forkChild } from './fork-child.js';
import { loadRoute } from './load-route.js';
import type { SeededServerMessage } from './seeded-server.js';

const { values: flags } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' }, asset: { type: 'string' } } });
const dist = process.env.SOPFLOW_WEB_DIR || fileURLToPath(new URL('../../apps/web/dist', import.meta.url));
if (!existsSync(join(dist, 'index.html'))) throw new Error('no built web app: run npm run build -w apps/web (or set SOPFLOW_WEB_DIR)');
const scripts = readdirSync(join(dist, 'assets')).filter((name) => name.endsWith('.js'));
const largest = flags.asset ?? scripts.sort((a, b) => statSync(join(dist, 'assets', b)).size - statSync(join(dist, 'assets', a)).size)[0]!;
const path = `/assets/${largest}`;

const server = await forkChild<SeededServerMessage>(new URL('./seeded-server.ts', import.meta.url).pathname, [], { ...process.env, SOPFLOW_WEB_DIR: dist });
try {
  const { url } = server.first as { url: string };
  const first = await fetch(`${url}${path}`);
  const etag = first.headers.get('etag');
  const load = { url, paths: [path], connections: Number(flags.connections), seconds: Number(flags.seconds), headers: { 'accept-encoding': 'gzip' } };
  console.log(`${path} (${statSync(join(dist, 'assets', largest)).size} bytes), ${load.connections} connections, ${load.seconds} s each; node ${process.version}, load ${loadavg()[0]!.toFixed(2)}`);
  console.log('\n| request | req/s | p50 ms | p99 ms | statuses |\n|---|---:|---:|---:|---|');
  const rows: [string, Record<string, string>][] = [['GET, gzip accepted', {}]];
  if (etag !== null) rows.push(['GET, If-None-Match (304)', { 'if-none-match': etag }]);
  for (const [name, headers] of rows) {
    const result = await loadRoute({ ...load, headers: { ...load.headers, ...headers } });
    console.log(`| ${name} | ${Math.round(result.rps)} | ${result.p50} | ${result.p99} | ${JSON.stringify(result.statuses)} |`);
  }
} finally {
  await server.stop();
}
