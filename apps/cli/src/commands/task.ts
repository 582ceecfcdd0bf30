import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { parseData } from '../engine/parse-data.js';

/** `sopflow task complete ID --data JSON|@file`: finish a person's task; the data is checked against its form. */
export function registerTaskCommand(program: Command): void {
  const task = program.command('task').description('work on one task');
  task
    .command('complete')
    .description('complete a task with its form data (checked against the form)')
    .argument('<id>', 'task id')
    .option('--data <json>', 'form data as JSON, or @file (JSON or YAML)')
    .option('--not-done', 'report that it was not done (for "did this happen?" and work tasks)')
    .option('--reason <text>', 'why')
    .option('--by <name>', 'who (default $USER)')
    .option('--db <path>', 'database file')
    .action(async (id: string, opts: { data?: string; notDone?: boolean; reason?: string; by?: string; db?: string }) => {
      const data = parseData(opts.data);
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        await engineCall(() => session.engine.completeTask(id, {
          by: opts.by ?? process.env.USER ?? 'operator', decision: opts.notDone === true ? 'not_done' : 'done',
          ...(data === undefined ? {} : { data }), ...(opts.reason === undefined ? {} : { reason: opts.reason }),
        }));
        await session.engine.settle();
        const row = await session.store.getTask(id);
        const run = row === undefined ? undefined : await session.store.getRun(row.runId);
        process.stdout.write(`task ${id} completed; run ${run?.id ?? '?'} is ${run?.status ?? '?'}\n`);
      } finally {
        await session.close();
      }
    });
}
