import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createMemoryStore, createSqliteStore, type RunStore } from '@sopflow/store';
import { runCase, type EngineCase } from './run-case.js';

const here = dirname(fileURLToPath(import.meta.url));
const cases = readdirSync(here).filter((name) => existsSync(join(here, name, 'case.json'))).sort();
const stores: [string, () => Promise<RunStore>][] = [
  ['memory', async () => createMemoryStore()],
  ['sqlite', async () => createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-conf-')), 'run.db'))],
];

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
        } finally {
          await store.close();
        }
      });
    }
  });
}
