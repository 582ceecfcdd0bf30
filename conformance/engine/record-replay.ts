// Records every conformance case's runs as replay histories under conformance/engine/replay/ (one JSON
// file per run: the pinned workflow text, the executor types, every event as the store returned it,
// and each decision's commands). Re-record only on purpose: see README.md, "Replay histories".
// Usage: node --conditions=sopflow-source --import tsx conformance/engine/record-replay.ts [case ...]
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryStore } from '@sopflow/store';
import type { RunEvent } from '@sopflow/engine';
import { CASE_EXECUTOR_TYPES, runCase } from './run-case.js';
import { replayHistory, type ReplayHistory } from './replay-history.js';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'replay');
const all = readdirSync(here).filter((name) => existsSync(join(here, name, 'case.json'))).sort();
const chosen = process.argv.length > 2 ? process.argv.slice(2) : all;
mkdirSync(out, { recursive: true });

let files = 0;
for (const name of chosen) {
  for (const old of readdirSync(out).filter((f) => f === `${name}.json` || f.startsWith(`${name}--`))) rmSync(join(out, old));
  const store = createMemoryStore();
  await runCase(join(here, name), store);
  for (const run of await store.listRuns()) {
    const events = (await store.readEvents(run.id)).map((e) => e.data as RunEvent);
    const started = events[0];
    if (started?.type !== 'RunStarted') throw new Error(`${name}: run ${run.id} does not begin with RunStarted`);
    const workflow = await store.readWorkflow(started.contentHash);
    if (workflow === undefined) throw new Error(`${name}: run ${run.id}: no pinned workflow text`);
    const history: Omit<ReplayHistory, 'decisions'> = { case: name, runId: run.id, workflow, executorTypes: [...CASE_EXECUTOR_TYPES], events };
    const replay = replayHistory(history, { executorTypes: history.executorTypes });
    if (!replay.ok) throw new Error(`${name}: run ${run.id} does not replay on the engine that recorded it: ${replay.message}`);
    const file = run.id === 'run' ? `${name}.json` : `${name}--${run.id}.json`;
    writeFileSync(join(out, file), `${JSON.stringify({ ...history, decisions: replay.decisions }, null, 1)}\n`);
    files += 1;
  }
  await store.close();
}
console.log(`recorded ${files} histories from ${chosen.length} cases in ${out}`);
