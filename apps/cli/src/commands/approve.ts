import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { CliError } from '../io/exit-code.js';

/** `sopflow approve ID` and `sopflow deny ID --reason R`: answer an approval or authorisation task. */
export function registerApproveCommands(program: Command): void {
  for (const verb of ['approve', 'deny'] as const) {
    program
      .command(verb)
      .description(verb === 'approve' ? 'approve an approval or authorisation task' : 'deny an approval or authorisation task (needs --reason)')
      .argument('<id>', 'task id')
      .option('--reason <text>', 'why')
      .option('--by <name>', 'who (default $USER)')
      .option('--db <path>', 'database file')
      .option('--users <file>', 'users file checked against auth_level (default $SOPFLOW_USERS or .sopflow/users.yaml)')
      .action(async (id: string, opts: { reason?: string; by?: string; db?: string; users?: string }) => {
        if (verb === 'deny' && (opts.reason === undefined || opts.reason.trim() === '')) throw new CliError('deny needs --reason');
        const session = await openEngine({ ...(opts.db === undefined ? {} : { db: opts.db }), ...(opts.users === undefined ? {} : { users: opts.users }) });
        try {
          await engineCall(() => session.engine.completeTask(id, {
            by: opts.by ?? process.env.USER ?? 'operator', decision: verb === 'approve' ? 'approved' : 'denied',
            ...(opts.reason === undefined ? {} : { reason: opts.reason }),
          }));
          await session.engine.settle();
          process.stdout.write(`task ${id} ${verb === 'approve' ? 'approved' : 'denied'}\n`);
        } finally {
          await session.close();
        }
      });
  }
}
