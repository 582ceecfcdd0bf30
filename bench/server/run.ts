// bench/server: a real sopflow server (startServer, in its own process) on a fresh store seeded with
// --sops SOPs and some runs; autocannon against the library, search, one SOP, the task list and
// starting runs; the framework ceiling (bare Hono and bare node:http hello-worlds) in the same run;
// then --sse clients on GET /api/events and the time from an engine event to every client.
//   node --conditions=sopflow-source --import tsx bench/server/run.ts [--sops 500] [--connections 50]
//     [--seconds 10] [--sse 1000] [--sse-runs 5] [--db postgres://127.0.0.1:5432/test] [--only list]
// `--only list`: the hello-world peers and the two library rows, no SSE, no run starts (a quick check).
import { startBenchServer } from './bench-server.js';
import { forkChild } from './fork-child.js';
import { loadRoute, type RouteLoad } from './load-route.js';
import { describeMachine, loadNow, readFlags } from './machine-note.js';
import { SEARCH_TERM, seedLibrary } from './seed-library.js';
import { measureFanOut } from './sse-fanout.js';

const flags = readFlags({ sops: 500, connections: 50, seconds: 10, sse: 1000, 'sse-runs': 5, db: undefined as string | undefined, only: undefined as string | undefined });
if (flags.only !== undefined && flags.only !== 'list') throw new Error(`--only ${flags.only}: the one choice is list`);
const listOnly = flags.only === 'list';
const HELLO_PEER = new URL('./hello-peer.ts', import.meta.url).pathname;
const loadBefore = loadNow();
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

const server = await startBenchServer(flags.db === undefined ? {} : { db: flags.db });
const rows: { name: string; load: RouteLoad; note?: string }[] = [];
let fanOut: Awaited<ReturnType<typeof measureFanOut>> | undefined;
try {
  const seedStarted = performance.now();
  const library = await seedLibrary(server, { sops: flags.sops, inFlight: Math.ceil(flags.sops / 12), completed: Math.ceil(flags.sops / 8) });
  console.error(`seeded ${flags.sops} SOPs (${library.activeIds.length} active), ${library.inFlightIds.length} runs in flight, ${library.completedRuns} finished, in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
  const base = { url: server.url, token: server.token, connections: flags.connections, seconds: flags.seconds };

  await loadRoute({ ...base, seconds: 2, paths: ['/api/sops'] }); // warm-up (JIT, caches), not reported
  for (const kind of ['hono', 'node-http']) {
    const peer = await forkChild<{ url: string }>(HELLO_PEER, [kind]);
    try {
      await loadRoute({ url: peer.first.url, connections: flags.connections, seconds: 2, paths: ['/'] });
      rows.push({ name: kind === 'hono' ? 'peer: bare Hono hello-world (@hono/node-server)' : 'peer: bare node:http hello-world', load: await loadRoute({ url: peer.first.url, connections: flags.connections, seconds: flags.seconds, paths: ['/'] }) });
    } finally {
      await peer.stop();
    }
  }
  const routes: [string, string[]][] = [
    ['GET /api/sops (first page, 50)', ['/api/sops']],
    [`GET /api/sops?q=${SEARCH_TERM}`, [`/api/sops?q=${SEARCH_TERM}`]],
    ...(listOnly ? [] : [
      ['GET /api/sops/:id (runs in flight)', library.inFlightIds.map((id) => `/api/sops/${id}`)],
      ['GET /api/tasks', ['/api/tasks']],
    ] as [string, string[]][]),
  ];
  for (const [name, paths] of routes) rows.push({ name, load: await loadRoute({ ...base, paths }) });

  if (!listOnly) {
    fanOut = await measureFanOut(server, library.inFlightIds[0]!, flags.sse, flags['sse-runs']);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the closed streams end on the server
    const runIds = library.activeIds.slice(library.inFlightIds.length);
    rows.push({ name: 'POST /api/sops/:id/run → 202', load: await loadRoute({ ...base, method: 'POST', paths: runIds.map((id) => `/api/sops/${id}/run`) }), note: 'answers once the run first waits' });
  }
} finally {
  await server.stop();
}

const hono = rows.find((r) => r.name.startsWith('peer: bare Hono'))!.load.rps;
console.log(`\n${flags.sops} SOPs on ${server.store}; ${flags.connections} connections, ${flags.seconds} s per row (autocannon 9.0.0; the server in its own process, autocannon in this one)`);
console.log(`${describeMachine()}; load average (1 min) ${loadBefore} before, ${loadNow()} after, shared with other jobs\n`);
console.log('| route | req/s | p50 ms | p99 ms | answers | vs Hono hello-world |');
console.log('|---|---:|---:|---:|---|---:|');
for (const { name, load, note } of rows) {
  const answers = (load.requests === 0 ? 'none within the time' : Object.entries(load.statuses).map(([code, n]) => `${n} × ${code}`).join(', ')) + (load.errors > 0 ? `, ${load.errors} errors` : '');
  console.log(`| ${name} | ${Math.round(load.rps)} | ${load.p50} | ${load.p99} | ${answers}${note === undefined ? '' : ` (${note})`} | ${Math.round((100 * load.rps) / hono)} % |`);
}
if (fanOut !== undefined) {
  const f = fanOut;
  console.log(`\nSSE fan-out: ${f.clients} clients on GET /api/events (connected and ready in ${Math.round(f.connectMs)} ms), ${flags['sse-runs']} runs → ${f.events} events, ${f.incomplete} not seen by every client`);
  console.log('| measure | p50 ms | p99 ms | goal |');
  console.log('|---|---:|---:|---|');
  console.log(`| engine event → one client (each delivery) | ${f.delivery.p50} | ${f.delivery.p99} | |`);
  console.log(`| engine event → all ${f.clients} clients (each event's last client) | ${f.allClients.p50} | ${f.allClients.p99} | < 250 ms p99 |`);
  console.log(`\nserver memory (RSS): ${mib(f.rssBefore)} before the streams, ${mib(f.rssWith)} with ${f.clients} open`);
}
