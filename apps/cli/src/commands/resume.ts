import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { currentActor } from '../engine/current-actor.js';
import { handleInterrupts, INTERRUPTED } from '../engine/handle-interrupts.js';

/** `sopflow resume RUN` and `sopflow cancel RUN`: take a run over now, or stop it. */
export function registerResumeCommands(program: Command): void {
  program
    .command('resume')
    .description('continue a run now: start ready steps, recover steps a crash interrupted, fire due timers; exit 1 naming the holder if another live worker holds it')
    .argument('<run>', 'run id')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--grace-ms <ms>', 'on Ctrl-C / SIGTERM, how long steps in flight may finish before their processes are killed', '10000')
    .action(async (runId: string, opts: { db?: string; graceMs: string }) => {
      const session = await openEngine(storeOptionsOf(opts));
      const watch = handleInterrupts(() => { void session.engine.drain(Number(opts.graceMs) || 0); });
      try {
        await engineCall(() => session.engine.resume(runId));
        const status = (await session.store.getRun(runId))?.status ?? '?';
        if (watch.interrupted) {
          process.stderr.write(`interrupted: run ${runId} is ${status}; continue with \`sopflow resume ${runId}\`\n`);
          process.exitCode = INTERRUPTED;
        } else {
          process.stdout.write(`run ${runId} is ${status}\n`);
        }
      } finally {
        watch.dispose();
        await session.close();
      }
    });
  program
    .command('cancel')
    .description('cancel a run as your directory user: open tasks close, steps in flight are skipped')
    .argument('<run>', 'run id')
    .option('--reason <text>', 'why', 'cancelled from the command line')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (runId: string, opts: { reason: string; db?: string }) => {
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const actor = await currentActor(session);
        const { cancelRun } = await import('@sopflow/service');
        await engineCall(() => cancelRun({ ...session, actor }, runId, opts.reason));
        process.stdout.write(`run ${runId} cancelled\n`);
      } finally {
        await session.close();
      }
    });
}
