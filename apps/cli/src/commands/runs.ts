import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { printJson } from '../output/print-json.js';

/** `sopflow runs [--json]`: every run with its status and what a waiting run waits for. Read-only: never creates a database. */
export function registerRunsCommand(program: Command): void {
  program
    .command('runs')
    .description('list runs (status: running, waiting, completed, failed, cancelled) and what waiting ones wait for')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print a JSON array')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { listRuns } = await import('@sopflow/service');
        const runs = await engineCall(() => listRuns(session));
        if (opts.json === true) {
          printJson(runs, 2);
          return;
        }
        if (runs.length === 0) process.stdout.write(`no runs yet in ${session.dbPath}\n`);
        for (const r of runs) {
          const waits = r.waiting_for.length === 0 ? '' : `  waiting for ${r.waiting_for.join(', ')}`;
          const stalled = r.stalled === null ? '' : `  stalled: ${r.stalled.reason}`;
          process.stdout.write(`${r.id}  ${r.status.padEnd(9)}  ${r.workflow}  ${r.started_at}${r.ended_at === null ? '' : ` → ${r.ended_at}`}${waits}${stalled}\n`);
        }
      } finally {
        await session.close();
      }
    });
}
