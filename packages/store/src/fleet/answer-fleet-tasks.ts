import { readFileSync } from 'node:fs';
import { inBatches } from './in-batches.js';
import type { Fleet } from './open-fleet.js';

/** The script's people: the ops reviewer approves; a "did this happen?" is answered from the file the steps append to. A failed answer is left for the next call. */
export async function answerFleetTasks(fleet: Fleet, answered: Set<string>): Promise<void> {
  const open = (await fleet.store.listTasks({ status: 'open' })).filter((t) => !answered.has(t.id) && (t.kind === 'did-this-happen' || t.role === 'ops'));
  await inBatches(open.length, 3, async (i) => {
    const task = open[i];
    answered.add(task.id);
    let args = ['--data', '{}'];
    if (task.kind === 'did-this-happen') {
      const tag = ((await fleet.store.readEvents(task.runId))[0]?.data as { inputs?: { tag?: string } }).inputs?.tag ?? '';
      if (!readFileSync(fleet.lines, 'utf8').split('\n').includes(`${tag}:${task.nodeId}`)) args = ['--not-done'];
    }
    // A task closed by its run between listing and answering is a race a person meets too.
    await fleet.cli(['task', 'complete', task.id, ...args]).catch((error: Error) => {
      if (/\(task_closed\)/.test(error.message)) return;
      answered.delete(task.id);
      throw error;
    });
  });
}
