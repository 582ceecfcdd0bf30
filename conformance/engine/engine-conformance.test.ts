import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@sopflow/engine';
import { createMemoryStore, createSqliteStore, type RunStore } from '@sopflow/store';
import { CASE_EXECUTOR_TYPES, createPostgresCaseStore, runCase, type EngineCase } from './run-case.js';
import { replayHistory, type ReplayHistory } from './replay-history.js';

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(here).filter((name) => existsSync(join(here, name, 'case.json'))).sort();
const stores: [string, () => Promise<RunStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['sqlite', async () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-conf-')), 'run.db'))],
  ['postgres', createPostgresCaseStore],
];

/**
 * Replay against this store: each run's events as the store gives them back re-decide to the same
 * events (decide on the pinned workflow text it stores); for a case with one run and a recorded
 * history of the same workflow, they are exactly its events and decisions. (With child runs, the
 * order in which children end may differ on a store whose writes interleave, as on PostgreSQL.)
 */
async function assertReplays(name: string, store: RunStore): Promise<void> {
  const runs = await store.listRuns();
  for (const run of runs) {
    const events = (await store.readEvents(run.id)).map((e) => e.data as RunEvent);
    const workflow = await store.readWorkflow(run.workflowHash);
    assert.ok(workflow !== undefined, `run ${run.id}: the store keeps the pinned workflow text`);
    const replay = replayHistory({ workflow, events, runId: run.id }, { executorTypes: [...CASE_EXECUTOR_TYPES] });
    if (!replay.ok) assert.fail(`run ${run.id} does not replay from this store: ${replay.message}`);
    const file = join(here, 'replay', run.id === 'run' ? `${name}.json` : `${name}--${run.id}.json`);
    const history = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as ReplayHistory : undefined;
    if (history === undefined || history.workflow !== workflow || runs.length > 1) continue;
    assert.deepEqual(events, history.events, `run ${run.id}: the events the store gives back are the recorded history's`);
    assert.deepEqual(replay.decisions, history.decisions, `run ${run.id}: replayed decisions`);
  }
}

for (const [storeName, makeStore] of stores) {
  describe(`engine conformance on the ${storeName} store`, () => {
    for (const name of cases) {
      const spec = JSON.parse(readFileSync(join(here, name, 'case.json'), 'utf8')) as EngineCase;
      it(`${name}: ${spec.description}`, async () => {
        const store = await makeStore();
        try {
          const outcome = await runCase(join(here, name), store);
          const { expect } = spec;
          assert.equal(outcome.status, expect.status, `run status (events: ${outcome.events.map((e) => e.type).join(', ')})`);
          if (expect.events !== undefined) assert.deepEqual(outcome.events.map((e) => e.type), expect.events);
          if (expect.steps !== undefined) {
            for (const [node, status] of Object.entries(expect.steps)) assert.equal(outcome.steps[node], status, `step ${node}`);
          }
          if (expect.output !== undefined) {
            for (const [key, value] of Object.entries(expect.output)) assert.deepEqual(outcome.output?.[key], value, `output.${key}`);
          }
          if (expect.started !== undefined) {
            const started = outcome.events.flatMap((e) => (e.type === 'StepStarted' && e.shadow !== true ? [e.nodeId] : []));
            assert.deepEqual(started, expect.started);
          }
          if (expect.tasks !== undefined) assert.deepEqual(outcome.openTasks, expect.tasks);
          for (const wanted of expect.has ?? []) {
            const found = outcome.events.some((e) => Object.entries(wanted).every(([key, value]) => {
              const field = (e as unknown as Record<string, unknown>)[key];
              return value === null ? field === undefined || field === null : isDeepStrictEqual(field, value);
            }));
            assert.ok(found, `no recorded event has ${JSON.stringify(wanted)}`);
          }
          assert.deepEqual(outcome.errors, expect.errors ?? []);
          assert.equal(outcome.audit, true, 'audit chain verifies');
          await assertReplays(name, store);
        } finally {
          await store.close();
        }
      });
    }
  });
}
