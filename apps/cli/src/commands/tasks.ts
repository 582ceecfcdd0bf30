import type { Command } from 'commander';
import { openEngine } from '../engine/open-engine.js';
import { taskView } from '../engine/run-views.js';

/** `sopflow tasks [--role R] [--json]`: open tasks waiting for people. */
export function registerTasksCommand(program: Command): void {
  program
    .command('tasks')
    .description('list open tasks waiting for a person')
    .option('--role <role>', 'only tasks for this role')
    .option('--db <path>', 'database file')
    .option('--json', 'print a JSON array')
    .action(async (opts: { role?: string; db?: string; json?: boolean }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        const tasks = (await session.store.listTasks({ status: 'open', ...(opts.role === undefined ? {} : { role: opts.role }) })).map(taskView);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(tasks, null, 2)}\n`);
          return;
        }
        if (tasks.length === 0) process.stdout.write('no open tasks\n');
        for (const t of tasks) process.stdout.write(`${t.id}  ${t.kind.padEnd(15)} ${t.title}  run ${t.run}${t.role === null ? '' : `  role ${t.role}`}${t.reason === null ? '' : `  (${t.reason})`}\n`);
      } finally {
        await session.close();
      }
    });
}
