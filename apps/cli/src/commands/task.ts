import type { Command } from 'commander';
import { currentActor } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { parseData } from '../engine/parse-data.js';

/** `sopflow task complete ID --data JSON|@file`: finish a person's task as the OS user's directory user; the data is checked against its form. */
export function registerTaskCommand(program: Command): void {
  const task = program.command('task').description('work on one task');
  task
    .command('complete')
    .description('complete a task with its form data (checked against the form), as your directory user')
    .argument('<id>', 'task id')
    .option('--data <json>', 'form data as JSON, or @file (JSON or YAML)')
    .option('--not-done', 'report that it was not done (for "did this happen?" and work tasks)')
    .option('--reason <text>', 'why')
    .option('--on-behalf-of <user>', 'admins only: enter the decision for this directory user (recorded as entered by you for them)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (id: string, opts: { data?: string; notDone?: boolean; reason?: string; onBehalfOf?: string; db?: string }) => {
      const data = parseData(opts.data);
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const actor = await currentActor(session);
        const { completeTask } = await import('@sopflow/service');
        const done = await engineCall(() => completeTask({ ...session, actor }, id, {
          decision: opts.notDone === true ? 'not_done' : 'done', ...(data === undefined ? {} : { data }),
          ...(opts.reason === undefined ? {} : { reason: opts.reason }), ...(opts.onBehalfOf === undefined ? {} : { onBehalfOf: opts.onBehalfOf }),
        }));
        const who = done.entered_by === null ? '' : ` (entered by ${done.entered_by} for ${done.by})`;
        process.stdout.write(`task ${id} completed${who}; run ${done.run} is ${done.status}\n`);
      } finally {
        await session.close();
      }
    });
}
