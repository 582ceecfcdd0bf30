import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { ExitCode } from '../io/exit-code.js';

/** `sopflow audit verify [RUN]`: recompute every run's hash chain; exit 1 and name the first broken link if any. Read-only. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the audit trail');
  audit
    .command('verify')
    .description('verify the SHA-256 hash chain of every run (or one)')
    .argument('[run]', 'run id')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print the report as JSON')
    .action(async (runId: string | undefined, opts: { db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { verifyAudit } = await import('@sopflow/service');
        const report = await engineCall(() => verifyAudit(session, runId));
        if (opts.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else if (report.ok) process.stdout.write(`audit ok: ${report.runsChecked} run(s), ${report.eventsChecked} event(s) in ${session.dbPath}, every chain intact\n`);
        else for (const b of report.breaks) process.stdout.write(`BROKEN run ${b.runId} at event ${b.seq} (${b.problem}): ${b.message}\n`);
        if (!report.ok) process.exitCode = ExitCode.failed;
      } finally {
        await session.close();
      }
    });
}
