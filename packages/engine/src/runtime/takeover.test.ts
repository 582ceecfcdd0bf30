import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@sopflow/store';
import { createCliExecutor, createEngine, isProcessAlive, parseWorkflowSource, processGroupMembers, runWorker } from '../index.js';
import { LONG_STEP_WORKFLOW } from '../../test-support/long-step-workflow.js';
import { until } from '../../test-support/until.js';

const WORKER = fileURLToPath(new URL('../../test-support/takeover-worker.ts', import.meta.url));

const WORKFLOW = parseWorkflowSource(LONG_STEP_WORKFLOW);

describe('takeover of a dead worker on the same host', () => {
  it('takes a SIGKILLed worker\'s run over at once (not after the 10 s lease), kills the step\'s orphaned process group first, and finishes the run', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-takeover-'));
    const db = join(dir, 'takeover.db');
    const marker = join(dir, 'marker');
    const store = await createSqliteStore(db);
    const runId = await createEngine({ store, executors: [createCliExecutor()] }).startRun(WORKFLOW, { node: process.execPath, marker }, { detach: true });

    const worker = spawn(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', WORKER, db], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    try {
      // In flight: StepStarted stored, the child wrote its pid and is alive.
      await until(async () => (await store.readEvents(runId)).some((e) => e.type === 'StepStarted') && existsSync(marker) && readFileSync(marker, 'utf8') !== '', 'the step started');
      const childPid = Number(readFileSync(marker, 'utf8'));
      assert.equal(isProcessAlive(childPid), true);
      const [lease] = await store.listLeases([runId]);
      assert.equal(lease?.pid, worker.pid);
      await until(async () => (await store.listLeases([runId]))[0]?.children.some((c) => c.pid === childPid) === true, 'the child group recorded on the lease');

      worker.kill('SIGKILL');
      await exited;
      const killedAt = Date.now();
      assert.equal(isProcessAlive(childPid), true, 'the orphaned step still runs after its worker died');

      const engine = createEngine({ store, executors: [createCliExecutor()], owner: 'successor' });
      const report = await runWorker({ engine, store, untilIdle: true });
      const tookMs = Date.now() - killedAt;
      assert.deepEqual(report.takenOver.map((t) => t.runId), [runId]);
      assert.deepEqual(report.heldElsewhere, []);
      assert.equal((await store.getRun(runId))?.status, 'completed');
      assert.equal(isProcessAlive(childPid), false);
      assert.deepEqual(processGroupMembers(childPid), []);
      const types = (await store.readEvents(runId)).map((e) => e.type);
      assert.equal(types.filter((t) => t === 'StepCompleted').length, 2);
      process.stderr.write(`takeover: run ${runId} completed ${tookMs} ms after its worker was SIGKILLed (lease TTL 10000 ms)\n`);
    } finally {
      worker.kill('SIGKILL');
      await store.close();
    }
  });
});
