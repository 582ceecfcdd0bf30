import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { createMemoryStore } from '@sopflow/store';
import { createCliExecutor, currentLeaseHolder, processGroupMembers, reclaimDeadLeases } from '../index.js';
import { STEP_HOLDER_ENV } from './reclaim-dead-leases.js';
import { until } from '../../test-support/until.js';
import { makeNode, makeRequest } from '../../test-support/executor-request.js';

/** A detached process (its own group, as steps are started) that sleeps a minute, with `env` added. */
function sleeper(env: Record<string, string>): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
  child.unref();
  return child.pid ?? 0;
}

describe('a dead worker\'s step whose process group never reached its lease', () => {
  it('is found by the holder named in its environment and killed before the lease is broken; a live holder\'s step is left alone', { timeout: 60_000 }, async () => {
    const store = createMemoryStore();
    const deadPid = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const dead = { owner: 'dead-worker', host: hostname(), pid: deadPid, processStartedAt: Date.now() - 1000 };
    assert.equal(await store.acquireLease('r-1', dead, new Date(), 60_000), true);
    assert.deepEqual((await store.listLeases(['r-1']))[0]?.children, [], 'the step never reached the lease');
    const orphan = sleeper({ [STEP_HOLDER_ENV]: 'dead-worker' });
    const other = sleeper({ [STEP_HOLDER_ENV]: 'another-worker' });
    try {
      await until(() => processGroupMembers(orphan).length === 1 && processGroupMembers(other).length === 1, 'both sleepers run');
      const report = await reclaimDeadLeases(store, currentLeaseHolder('me'), new Date());
      assert.deepEqual(report.reclaimed.map((l) => l.runId), ['r-1']);
      assert.deepEqual(report.killedGroups, [orphan]);
      assert.deepEqual(processGroupMembers(orphan), [], 'the orphaned step is gone before anyone is asked "did this happen?"');
      assert.equal(processGroupMembers(other).length, 1, 'a step of another holder is not touched');
    } finally {
      for (const pid of [orphan, other]) try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });

  it('the cli executor puts the variables it is given on the process it starts', async () => {
    const executor = createCliExecutor({ cwd: process.cwd() });
    const node = makeNode({ id: 'show', type: 'cli', runtime: { command: [process.execPath, '-e', `process.stdout.write(process.env.${STEP_HOLDER_ENV} ?? 'unset')`] } });
    const result = await executor.execute(makeRequest(node, { processEnv: { [STEP_HOLDER_ENV]: 'worker-7' } }));
    assert.equal(result.status, 'completed');
    assert.match(JSON.stringify(result), /worker-7/);
  });
});
