import type { Command } from 'commander';
import { openEngine } from '../engine/open-engine.js';
import { runView } from '../engine/run-views.js';

/** `sopflow runs [--json]`: every run with its status. */
export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list runs (status: running, waiting, completed, failed, cancelled)')
    .option('--db <path>', 'database file')
    .option('--json', 'print a JSON array')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        const runs = (await session.store.listRuns()).map(runView);
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
          return;
        }
        if (runs.length === 0) process.stdout.write('no runs yet\n');
        for (const r of runs) process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${r.workflow}  ${r.started_at}${r.ended_at === null ? '' : ` → ${r.ended_at}`}\n`);
      } finally {
        await session.close();
      }
    });
}
