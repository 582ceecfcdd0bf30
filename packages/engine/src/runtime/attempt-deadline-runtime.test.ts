import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, parseWorkflowSource, type StepExecutor, type StepRequest } from '../index.js';

const SLOW = parseWorkflowSource(`osop_version: "1.1"
id: slow
name: A step that never ends by itself
nodes:
  - { id: hang, type: cli, timeout_sec: 0.3 }
  - { id: page, type: system, runtime: { action: noop } }
edges:
  - { from: hang, to: page, mode: timeout }
`);

/** An executor whose attempts end only when their signal aborts; it keeps what each request looked like. */
function hangingExecutor(): { executor: StepExecutor; seen: { attempt: number; reason: unknown }[] } {
  const seen: { attempt: number; reason: unknown }[] = [];
  const executor: StepExecutor = {
    handles: ['cli'],
    execute: (request: StepRequest) => new Promise((resolve) => {
      request.signal.addEventListener('abort', () => {
        seen.push({ attempt: request.attempt, reason: request.signal.reason });
        resolve({ status: 'failed', error: { code: 'ABORTED', message: 'aborted', retryable: false } });
      }, { once: true });
    }),
  };
  return { executor, seen };
}

describe('a step\'s deadline in a process that holds the run (sopflow run without a worker)', () => {
  it('fires the durable attempt timer in-process: the attempt is aborted with a TimeoutError and the timeout edge is taken', async () => {
    const store = createMemoryStore();
    const { executor, seen } = hangingExecutor();
    const engine = createEngine({ store, executors: [executor], identity: 'unchecked' });
    const runId = await engine.startRun(SLOW);
    const run = await engine.getRun(runId);
    assert.equal(run.state.status, 'completed');
    assert.equal(run.state.steps.hang.status, 'failed');
    assert.equal(run.state.steps.hang.error?.code, 'TIMEOUT');
    assert.equal(run.state.steps.page.status, 'completed');
    const timers = run.events.filter((e) => e.type === 'TimerScheduled');
    assert.deepEqual(timers.map((e) => e.type === 'TimerScheduled' ? [e.purpose, e.nodeId, e.attempt] : []), [['attempt_timeout', 'hang', 1]]);
    assert.ok(run.events.some((e) => e.type === 'TimerFired'), 'the timer fired, not only a local timeout');
    assert.equal(seen.length, 1);
    assert.equal((seen[0].reason as Error).name, 'TimeoutError');
    assert.deepEqual(await store.dueTimers(runId, new Date(Date.now() + 3_600_000)), [], 'no timer row is left behind');
  });
});
