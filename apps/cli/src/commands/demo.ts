import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { DEMO_WORKFLOW } from '../engine/demo-workflow.js';
import { currentActor, currentOsUser } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { createProgressPrinter } from '../engine/print-progress.js';
import { promptTask } from '../engine/prompt-task.js';
import { ExitCode } from '../io/exit-code.js';
import { createStyle } from '../output/style.js';

/** The roles the demo's SOP needs: the manager approves the claim. */
const DEMO_ROLES = ['manager'];

/**
 * `sopflow demo`: runs an expense-claim SOP end to end. In a fresh store it first registers the
 * current OS user as the directory's admin with the roles the demo needs (and says so); it asks
 * for the manager's approval in a terminal, and answers it as that user otherwise.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run an example SOP end to end (an expense claim with a manager\'s approval)')
    .option('--db <path>', 'database file (default: a new one in a temporary folder)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (opts: { db?: string; auditKey?: string }) => {
      const { parseWorkflowSource } = await import('@sopflow/engine');
      const { addUser, completeTask, listUsers, startRun } = await import('@sopflow/service');
      const source = parseWorkflowSource(DEMO_WORKFLOW, 'expense-claim.osop');
      const style = createStyle(process.stdout);
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const db = opts.db ?? join(mkdtempSync(join(tmpdir(), 'sopflow-demo-')), 'sopflow.db');
      const session = await openEngine({ ...storeOptionsOf(opts), db, onEvents: createProgressPrinter(source.workflow, style, write) });
      try {
        if ((await engineCall(() => listUsers(session))).users.length === 0) {
          const me = currentOsUser();
          await engineCall(() => addUser(session, { name: me, roles: DEMO_ROLES }, me));
          write(style.dim(`registered you (OS user ${me}) in this store's directory as its admin, with the role ${DEMO_ROLES.join(', ')}`));
        }
        const actor = await currentActor(session);
        write(`${style.bold(source.workflow.name)} — ${source.workflow.description ?? ''}`);
        const { id: runId } = await engineCall(() => startRun(session, { source, inputs: { claimant: 'Ada', amount: 420 } }));
        const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
        for (;;) {
          const open = await session.store.listTasks({ runId, status: 'open' });
          if (open.length === 0) break;
          if (interactive) {
            const rl = createInterface({ input: process.stdin, output: process.stdout });
            try {
              if (!(await promptTask(rl, session.engine, open[0], actor.name, write))) break;
            } finally {
              rl.close();
            }
          } else {
            write(`  (no terminal: completing "${open[0].title}" automatically as ${actor.name})`);
            await engineCall(() => completeTask({ ...session, actor }, open[0].id, { data: { approved: true, comment: 'approved automatically by the demo' } }));
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
