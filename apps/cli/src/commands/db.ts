import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { engineCall } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { printJson } from '../output/print-json.js';

const DB_HELP = 'database file or postgres://… URL (else SOPFLOW_DB; the PostgreSQL schema is SOPFLOW_DB_SCHEMA, default public)';

/** `sopflow db migrate [--status]`, `db export [--out FILE]`, `db import FILE [--replace]`: the store itself, on SQLite or PostgreSQL. */
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
        if (opts.json === true) printJson(status, 2);
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
      if (opts.json === true) printJson(report, 2);
      else if (report.ran.length === 0) process.stdout.write(`${report.label} is up to date (${report.applied.length} migrations applied)\n`);
      else process.stdout.write(`migrated ${report.label}: ran ${report.ran.join(', ')} (${report.applied.length} migrations applied)\n`);
    });
  db
    .command('export')
    .description('write the whole store (runs, events with their hashes, tasks, timers, users, checkpoints) as JSON lines, read in one snapshot')
    .option('--out <file>', 'write here instead of standard output')
    .option('--db <path|url>', DB_HELP)
    .action(async (opts: { out?: string; db?: string }) => {
      const { exportDatabase } = await import('@sopflow/service');
      const out: Writable = opts.out === undefined ? process.stdout : createWriteStream(opts.out);
      const counts = await engineCall(() => exportDatabase(opts.db === undefined ? {} : { db: opts.db }, (line) => writeLine(out, line)));
      if (opts.out !== undefined) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
      process.stderr.write(`exported ${describeCounts(counts)}\n`);
    });
  db
    .command('import')
    .description('load an export into a store (created if needed) with its audit chains intact; refuses a non-empty store unless --replace')
    .argument('<file>', 'the export (JSON lines), or - for standard input')
    .option('--replace', 'empty the store first (everything in it is lost)')
    .option('--db <path|url>', DB_HELP)
    .action(async (file: string, opts: { replace?: boolean; db?: string }) => {
      if (file !== '-' && !existsSync(file)) throw new CliError(`no such file: ${file}`, ExitCode.usage, { code: 'file-not-found', file });
      const { importDatabase } = await import('@sopflow/service');
      // Iterate from the start: readline drops lines (and its end) emitted before an iterator exists.
      const reader = createInterface({ input: file === '-' ? process.stdin : createReadStream(file), crlfDelay: Infinity })[Symbol.asyncIterator]();
      const lines: AsyncIterable<string> = { [Symbol.asyncIterator]: () => reader };
      const counts = await engineCall(() => importDatabase(opts.db === undefined ? {} : { db: opts.db }, lines, opts.replace === true ? { replace: true } : {}));
      process.stdout.write(`imported ${describeCounts(counts)}\n`);
    });
}

/** Writes one line, waiting when the stream's buffer is full. */
function writeLine(out: Writable, line: string): void | Promise<void> {
  if (out.write(`${line}\n`)) return undefined;
  return new Promise((resolve) => out.once('drain', resolve));
}

/** "3 runs, 41 events, 2 tasks, …" (tables with no rows left out). */
function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([table, n]) => `${n} ${table}`);
  return parts.length === 0 ? 'nothing (the store is empty)' : parts.join(', ');
}
