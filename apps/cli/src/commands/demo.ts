import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { DEMO_WORKFLOW } from '../engine/demo-workflow.js';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { createProgressPrinter } from '../engine/print-progress.js';
import { promptTask } from '../engine/prompt-task.js';
import { ExitCode } from '../io/exit-code.js';
import { createStyle } from '../output/style.js';

const DEMO_USER = 'demo-user';

/** `sopflow demo`: runs an expense-claim SOP end to end; asks for the manager's approval in a terminal, answers it as a demo user otherwise. */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run an example SOP end to end (an expense claim with a manager\'s approval)')
    .option('--db <path>', 'database file (default: a new one in a temporary folder)')
    .action(async (opts: { db?: string }) => {
      const { parseWorkflowSource } = await import('@sopflow/engine');
      const source = parseWorkflowSource(DEMO_WORKFLOW, 'expense-claim.osop');
      const style = createStyle(process.stdout);
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const db = opts.db ?? join(mkdtempSync(join(tmpdir(), 'sopflow-demo-')), 'sopflow.db');
      const session = await openEngine({ db, onEvents: createProgressPrinter(source.workflow, style, write) });
      try {
        write(`${style.bold(source.workflow.name)} — ${source.workflow.description ?? ''}`);
        const runId = await engineCall(() => session.engine.startRun(source, { claimant: 'Ada', amount: 420 }));
        const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
        for (;;) {
          const open = await session.store.listTasks({ runId, status: 'open' });
          if (open.length === 0) break;
          if (interactive) {
            const rl = createInterface({ input: process.stdin, output: process.stdout });
            try {
              await promptTask(rl, session.engine, open[0], process.env.USER ?? 'you', write);
            } finally {
              rl.close();
            }
          } else {
            write(`  (no terminal: completing "${open[0].title}" automatically as ${DEMO_USER})`);
            await session.engine.completeTask(open[0].id, { by: DEMO_USER, data: { approved: true, comment: 'approved automatically by the demo' } });
          }
          await session.engine.settle();
        }
        const run = await session.engine.getRun(runId);
        const audit = await session.store.verifyAuditChain(runId);
        write(`${run.events.length} events recorded in ${session.dbPath}; audit chain ${audit.ok ? 'intact' : 'BROKEN'}`);
        write(`next: sopflow status ${runId} --db ${session.dbPath}   |   sopflow log ${runId} --db ${session.dbPath}`);
        if (run.summary.status !== 'completed') process.exitCode = ExitCode.failed;
      } finally {
        await session.close();
      }
    });
}
