import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';

/** `sopflow resume RUN` and `sopflow cancel RUN`: take a run over now, or stop it. */
export function registerResumeCommands(program: Command): void {
  program
    .command('resume')
    .description('continue a run now: start ready steps, recover steps a crash interrupted, fire due timers')
    .argument('<run>', 'run id')
    .option('--db <path>', 'database file')
    .action(async (runId: string, opts: { db?: string }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        await engineCall(() => session.engine.resume(runId));
        process.stdout.write(`run ${runId} is ${(await session.store.getRun(runId))?.status ?? '?'}\n`);
      } finally {
        await session.close();
      }
    });
  program
    .command('cancel')
    .description('cancel a run: open tasks close, steps in flight are skipped')
    .argument('<run>', 'run id')
    .option('--reason <text>', 'why', 'cancelled from the command line')
    .option('--db <path>', 'database file')
    .action(async (runId: string, opts: { reason: string; db?: string }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        await engineCall(() => session.engine.cancel(runId, opts.reason, process.env.USER));
        process.stdout.write(`run ${runId} cancelled\n`);
      } finally {
        await session.close();
      }
    });
}
