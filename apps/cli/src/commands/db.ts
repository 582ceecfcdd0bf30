import type { Command } from 'commander';
import { engineCall } from '../engine/open-engine.js';
import { ExitCode } from '../io/exit-code.js';

const DB_HELP = 'database file or postgres://… URL (else SOPFLOW_DB; the PostgreSQL schema is SOPFLOW_DB_SCHEMA, default public)';

/** `sopflow db migrate [--status]`: the store's versioned migrations, on SQLite or PostgreSQL. */
export function registerDbCommand(program: Command): void {
  const db = program.command('db').description('the store itself: migrations, export and import');
  db
    .command('migrate')
    .description('run the pending schema migrations and print which ran (--status: list applied and pending, change nothing)')
    .option('--status', 'list applied and pending migrations; change nothing')
    .option('--json', 'print the result as JSON')
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: { status?: boolean; json?: boolean; db?: string }) => {
      const { databaseMigrationStatus, migrateDatabase } = await import('@sopflow/service');
      const choice = opts.db === undefined ? {} : { db: opts.db };
      if (opts.status === true) {
        const status = await engineCall(() => databaseMigrationStatus(choice));
        if (opts.json === true) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        else {
          process.stdout.write(`${status.label}\n`);
          for (const m of status.applied) process.stdout.write(`  applied  ${m.name}  ${m.appliedAt}${status.unknown.includes(m.name) ? '  (unknown to this sopflow: upgrade it)' : ''}\n`);
          for (const name of status.pending) process.stdout.write(`  pending  ${name}\n`);
          if (status.pending.length === 0 && status.unknown.length === 0) process.stdout.write('  up to date\n');
        }
        if (status.unknown.length > 0) process.exitCode = ExitCode.failed;
        return;
      }
      const report = await engineCall(() => migrateDatabase(choice));
      if (opts.json === true) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else if (report.ran.length === 0) process.stdout.write(`${report.label} is up to date (${report.applied.length} migrations applied)\n`);
      else process.stdout.write(`migrated ${report.label}: ran ${report.ran.join(', ')} (${report.applied.length} migrations applied)\n`);
    });
}
