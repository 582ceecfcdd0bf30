import type { Command } from 'commander';
import { openEngine } from '../engine/open-engine.js';
import { CliError } from '../io/exit-code.js';

/** `sopflow worker [--until-idle]`: execute runs and fire timers; safe to run several on one database. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('execute runnable runs and due timers until stopped (Ctrl-C), or with --until-idle until nothing is runnable')
    .option('--until-idle', 'stop when nothing is runnable')
    .option('--concurrency <n>', 'runs handled at once', '8')
    .option('--lease-ms <ms>', 'lease length; another worker takes a run over after this if this one dies', '30000')
    .option('--db <path>', 'database file')
    .action(async (opts: { untilIdle?: boolean; concurrency: string; leaseMs: string; db?: string }) => {
      const concurrency = Number(opts.concurrency);
      const leaseTtlMs = Number(opts.leaseMs);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError('--concurrency must be a positive integer');
      if (!Number.isInteger(leaseTtlMs) || leaseTtlMs < 100) throw new CliError('--lease-ms must be an integer of at least 100');
      const session = await openEngine({ leaseTtlMs, ...(opts.db === undefined ? {} : { db: opts.db }) });
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      try {
        const { runWorker } = await import('@sopflow/engine');
        const report = await runWorker({ engine: session.engine, store: session.store, concurrency, leaseTtlMs, untilIdle: opts.untilIdle === true, signal: stop.signal });
        process.stderr.write(`worker: handled ${report.runsHandled} run(s)\n`);
        for (const e of report.errors) process.stderr.write(`worker: run ${e.runId}: ${e.message}\n`);
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        await session.close();
      }
    });
}
