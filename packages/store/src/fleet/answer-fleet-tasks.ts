import { readFileSync } from 'node:fs';
import { EngineError } from '@sopflow/engine';
import { inBatches } from './in-batches.js';
import type { Fleet } from './open-fleet.js';

/**
 * The script's people: olga (role ops) approves reviews through the script's engine, checked against the
 * directory as any decision is; a "did this happen?" is answered with `sopflow task complete` (the real
 * binary, as the OS user mapped to olga) from the file the steps append to. A failed answer is left for the next call.
 */
export async function answerFleetTasks(fleet: Fleet, answered: Set<string>): Promise<void> {
  const open = (await fleet.store.listTasks({ status: 'open' })).filter((t) => !answered.has(t.id) && (t.kind === 'did-this-happen' || t.role === 'ops'));
  await inBatches(open.length, 3, async (i) => {
    const task = open[i];
    answered.add(task.id);
    try {
      if (task.kind !== 'did-this-happen') {
        await fleet.script.completeTask(task.id, { by: 'olga' });
        return;
      }
      const tag = ((await fleet.store.readEvents(task.runId))[0]?.data as { inputs?: { tag?: string } }).inputs?.tag ?? '';
      const done = readFileSync(fleet.lines, 'utf8').split('\n').includes(`${tag}:${task.nodeId}`);
      await fleet.cli(['task', 'complete', task.id, ...(done ? ['--data', '{}'] : ['--not-done'])]);
    } catch (error) {
      // A task closed by its run between listing and answering is a race a person meets too.
      if (/\(task_closed\)/.test((error as Error).message) || (error instanceof EngineError && error.code === 'task_closed')) return;
      answered.delete(task.id);
      throw error;
    }
  });
}
