import { Agent, get, type ClientRequest } from 'node:http';
import { until, type BenchServer } from './bench-server.js';

/** What the fan-out measured: per delivery (one event at one client) and per event (its last client). */
export interface FanOutResult {
  clients: number;
  /** From the first connect until every stream said `ready` (ms). */
  connectMs: number;
  /** The events the runs stored. */
  events: number;
  /** Stored events some client never received (should be 0). */
  incomplete: number;
  delivery: { p50: number; p99: number };
  allClients: { p50: number; p99: number; max: number };
  rssBefore: number;
  rssWith: number;
}

/** The q-th quantile (0..1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

interface Receipts { at: number; times: number[] }

/**
 * Opens `clients` SSE streams on GET /api/events (bearer token, over real sockets), waits until each
 * said `ready`, then starts `runs` runs of `sopId` one after another (each waits at its person's step;
 * the bench completes that task). Every event carries the engine's `at` (when it was recorded);
 * latency = the time a client parsed it − `at` (one clock: the same machine). The clients are parsed
 * in this process, so their own parsing time is part of the figure.
 */
export async function measureFanOut(server: BenchServer, sopId: string, clients: number, runs: number): Promise<FanOutResult> {
  const rssBefore = (await server.memory()).rss;
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const receipts = new Map<string, Receipts>();
  const requests: ClientRequest[] = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, () => new Promise<void>((resolve, reject) => {
    const req = get(`${server.url}/api/events`, { agent, headers: { authorization: `Bearer ${server.token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) { reject(new Error(`GET /api/events: ${res.statusCode}`)); return; }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const now = Date.now();
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith('event: ready')) { resolve(); continue; }
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (data === undefined) continue;
          const change = JSON.parse(data.slice(6)) as { runId?: string; seq?: number; at?: string };
          if (change.runId === undefined || change.at === undefined) continue;
          const key = `${change.runId}:${change.seq}`;
          let r = receipts.get(key);
          if (r === undefined) receipts.set(key, r = { at: Date.parse(change.at), times: [] });
          r.times.push(now);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', reject);
    requests.push(req);
  })));
  const connectMs = performance.now() - started;

  let expected = 0;
  for (let i = 0; i < runs; i++) {
    const { runId } = (await server.api('POST', `/api/sops/${sopId}/run`, undefined, 202)).json as { runId: string };
    const task = await until(async () => ((await server.api('GET', '/api/tasks', undefined, 200)).json.tasks as { id: string; runId: string }[]).find((t) => t.runId === runId));
    await server.api('POST', `/api/tasks/${task.id}/complete`, { data: {} }, 200);
    await until(async () => ((await server.api('GET', `/api/runs/${runId}`, undefined, 200)).json.run.status === 'completed' ? true : undefined));
    expected += ((await server.api('GET', `/api/runs/${runId}/history`, undefined, 200)).json.events as unknown[]).length;
  }
  // Every stored event of the runs reached every client, or nothing more arrived for 5 s.
  let lastCount = -1;
  let quietSince = Date.now();
  for (;;) {
    const count = [...receipts.values()].reduce((n, r) => n + r.times.length, 0);
    if (count === expected * clients) break;
    if (count !== lastCount) { lastCount = count; quietSince = Date.now(); }
    if (Date.now() - quietSince > 5000) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const rssWith = (await server.memory()).rss;
  for (const req of requests) req.destroy();
  agent.destroy();

  const delivery: number[] = [];
  const allClients: number[] = [];
  for (const r of receipts.values()) {
    for (const t of r.times) delivery.push(t - r.at);
    if (r.times.length === clients) allClients.push(Math.max(...r.times) - r.at);
  }
  return {
    clients, connectMs, events: expected, incomplete: expected - allClients.length,
    delivery: { p50: quantile(delivery, 0.5), p99: quantile(delivery, 0.99) },
    allClients: { p50: quantile(allClients, 0.5), p99: quantile(allClients, 0.99), max: Math.max(...allClients) },
    rssBefore, rssWith,
  };
}
