import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { printTaskLine } from '../output/print-task-line.js';
import { printJson } from '../output/print-json.js';

/** `sopflow status RUN [--json]`: the run, each step's state (todo, now, done, blocked), open tasks and what it waits for. Read-only. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show a run, the state of each step, its open tasks and what it waits for')
    .argument('<run>', 'run id')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print JSON')
    .action(async (runId: string, opts: { db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { getRunStatus } = await import('@sopflow/service');
        const run = await engineCall(() => getRunStatus(session, runId));
        if (opts.json === true) {
          printJson(run, 2);
          return;
        }
        const out = [`${run.id}  ${run.workflow}  ${run.status}${run.waiting_for.length === 0 ? '' : `  waiting for ${run.waiting_for.join(', ')}`}`];
        if (run.stalled !== null) out.push(`  stalled: ${run.stalled.reason}`);
        else if (run.held_by !== null) out.push(`  ${run.held_by}`);
        for (const s of run.steps) out.push(`  ${s.state.padEnd(7)} ${s.id}${s.attempts > 1 ? ` (${s.attempts} attempts)` : ''}  ${s.detail}`);
        for (const t of run.tasks) out.push(`  ${printTaskLine(t)}`);
        for (const e of run.entered) out.push(`  ${e.step}: entered by ${e.entered_by} for ${e.by} (task ${e.task})`);
        if (run.error !== null) out.push(`  error: ${run.error.code} ${run.error.message}`);
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await session.close();
      }
    });
}
