import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { printTaskLine } from '../output/print-task-line.js';
import { printJson } from '../output/print-json.js';

/** `sopflow tasks [--role R] [--json]`: open tasks waiting for people, with any agent proposal to review. Read-only. */
export function registerTasksCommand(program: Command): void {
  program
    .command('tasks')
    .description('list open tasks waiting for a person (a review shows the agent\'s proposal)')
    .option('--role <role>', 'only tasks for this role')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print a JSON array')
    .action(async (opts: { role?: string; db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { listTasks } = await import('@sopflow/service');
        const tasks = await engineCall(() => listTasks(session, opts.role === undefined ? {} : { role: opts.role }));
        if (opts.json === true) {
          printJson(tasks, 2);
          return;
        }
        if (tasks.length === 0) process.stdout.write('no open tasks\n');
        for (const t of tasks) process.stdout.write(`${printTaskLine(t)}\n`);
      } finally {
        await session.close();
      }
    });
}
