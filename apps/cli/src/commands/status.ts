import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { runView, stepViews } from '../engine/run-views.js';

/** `sopflow status RUN [--json]`: the run and each step's state (todo, now, done, blocked). */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show a run and the state of each step')
    .argument('<run>', 'run id')
    .option('--db <path>', 'database file')
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { db?: string; json?: boolean }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        const run = await engineCall(() => session.engine.getRun(runId));
        const steps = stepViews(run.source.workflow, run.state);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify({ ...runView(run.summary), steps }, null, 2)}\n`);
          return;
        }
        const view = runView(run.summary);
        process.stdout.write(`${view.id}  ${view.workflow}  ${view.status}\n`);
        for (const s of steps) process.stdout.write(`  ${s.state.padEnd(7)} ${s.id}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ''}  ${s.detail}\n`);
        if (run.state.error !== undefined) process.stdout.write(`  error: ${run.state.error.code} ${run.state.error.message}\n`);
      } finally {
        await session.close();
      }
    });
}
