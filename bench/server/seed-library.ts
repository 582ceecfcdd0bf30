import { seededRandom } from '../seeded-random.js';
import { until, type BenchServer } from './bench-server.js';

const VERBS = ['Review', 'Approve', 'Reconcile', 'Onboard', 'Close', 'Escalate', 'Audit', 'Renew', 'Refund', 'Archive'];
const NOUNS = ['invoice', 'vendor', 'ticket', 'payroll run', 'contract', 'incident', 'access request', 'shipment', 'expense claim', 'laptop'];

/** The word every tenth SOP's title holds (the search the benches time). */
export const SEARCH_TERM = 'invoice';

/** What a seeded library holds, by SOP id. */
export interface SeededLibrary {
  sopIds: string[];
  activeIds: string[];
  /** Active SOPs with a run waiting at its person's step (an open task each). */
  inFlightIds: string[];
  completedRuns: number;
}

/**
 * An .osop of `steps` steps: a system intake, a person's review with a form (role ops), then system
 * steps; `humanSteps` > 1 makes every step a person's step (the web bench's step-state changes).
 */
export function benchSop(id: string, name: string, steps: number, humanSteps = 1): string {
  const node = (i: number) => {
    const human = humanSteps > 1 ? i < humanSteps : i === 1;
    return human
      ? `  - { id: s${i}, type: human, name: "${name} step ${i + 1}", role: ops }`
      : `  - { id: s${i}, type: system, name: "${name} step ${i + 1}", runtime: { action: noop } }`;
  };
  const nodes = Array.from({ length: steps }, (_, i) => node(i));
  const edges = Array.from({ length: steps - 1 }, (_, i) => `  - { from: s${i}, to: s${i + 1}, mode: sequential }`);
  return `osop_version: "1.0"\nid: ${id}\nname: "${name}"\ndescription: "Generated for the bench."\nnodes:\n${nodes.join('\n')}\nedges:\n${edges.join('\n')}\n`;
}

/** Runs `work` over `items` with `concurrency` at once. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  }));
}

/**
 * Seeds `sops` SOPs through the API (two workstreams; 9 in 10 published, overlap allowed; 3–9
 * steps), then runs: `inFlight` left waiting at their person's step and `completed` finished.
 */
export async function seedLibrary(server: BenchServer, options: { sops: number; inFlight: number; completed: number }): Promise<SeededLibrary> {
  const random = seededRandom(11);
  const workstreams: string[] = [];
  for (const name of ['Operations', 'Finance']) workstreams.push((await server.api('POST', '/api/workstreams', { name }, 201)).json.workstream.id as string);
  const sopIds: string[] = new Array(options.sops);
  const activeIds: string[] = [];
  await inParallel(Array.from({ length: options.sops }, (_, i) => i), 4, async (_, i) => {
    const title = `${VERBS[Math.floor(i / NOUNS.length) % VERBS.length]} ${NOUNS[i % NOUNS.length]} ${String(i + 1).padStart(3, '0')}`;
    const osop = benchSop(`bench-${i + 1}`, title, 3 + Math.floor(random() * 7));
    const created = await server.api('POST', '/api/sops', { osop, workstreamId: workstreams[i % 2], allowOverlap: true }, 201);
    const id = created.json.sop.id as string;
    sopIds[i] = id;
    if (i % 10 !== 9) {
      await server.api('POST', `/api/sops/${id}/publish`, undefined, 200);
      activeIds.push(id);
    }
  });
  const inFlightIds = activeIds.slice(0, options.inFlight);
  const finished = activeIds.slice(options.inFlight, options.inFlight + options.completed);
  await inParallel([...inFlightIds, ...finished], 4, async (id) => { await server.api('POST', `/api/sops/${id}/run`, undefined, 202); });
  const open = await openTasks(server, inFlightIds.length + finished.length);
  const finishedRuns = new Set<string>();
  for (const id of finished) {
    const runs = (await server.api('GET', `/api/runs?sopId=${id}`, undefined, 200)).json.runs as { id: string }[];
    for (const run of runs) finishedRuns.add(run.id);
  }
  await inParallel(open.filter((t) => finishedRuns.has(t.runId)), 4, async (task) => {
    await server.api('POST', `/api/tasks/${task.id}/complete`, { data: {} }, 200);
  });
  return { sopIds, activeIds, inFlightIds, completedRuns: finished.length };
}

/** The open tasks once there are at least `count` of them. */
function openTasks(server: BenchServer, count: number): Promise<{ id: string; runId: string }[]> {
  return until(async () => {
    const tasks = (await server.api('GET', '/api/tasks', undefined, 200)).json.tasks as { id: string; runId: string }[];
    return tasks.length >= count ? tasks : undefined;
  });
}
