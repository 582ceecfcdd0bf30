import type { Command } from 'commander';
import type { Engine } from '@sopflow/engine';
import { AUDIT_KEY_HELP, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { handleInterrupts, INTERRUPTED } from '../engine/handle-interrupts.js';
import { CliError, ExitCode } from '../io/exit-code.js';

interface WorkerCliOptions { untilIdle?: boolean; concurrency: string; queue: string[]; leaseMs: string; graceMs: string; maxWaitMs?: string; db?: string }

const QUEUE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** `sopflow worker [--until-idle] [--queue NAME]…`: execute runs and fire timers; safe to run several on one database. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('execute runnable runs and due timers until stopped (Ctrl-C), or with --until-idle until nothing is runnable')
    .option('--until-idle', 'stop when nothing is runnable; exit 1 if runs are still held by another live worker, or could not be taken over')
    .option('--concurrency <n>', 'runs handled at once', '8')
    .option('--queue <name>', 'a task queue whose steps this worker executes (repeat for several; default: the default queue; steps name theirs in runtime.queue)', (name: string, names: string[]) => [...names, name], [])
    .option('--lease-ms <ms>', 'lease length; a worker on another host takes a run over after this if this one dies (on this host: at once)', '10000')
    .option('--grace-ms <ms>', 'on Ctrl-C / SIGTERM, how long steps in flight may finish before their processes are killed', '10000')
    .option('--max-wait-ms <ms>', 'with --until-idle: how long to wait for runs another worker holds (default 3 × --lease-ms)')
    .option('--db <path>', 'database file')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (opts: WorkerCliOptions) => {
      const concurrency = Number(opts.concurrency);
      const leaseTtlMs = Number(opts.leaseMs);
      const graceMs = Number(opts.graceMs);
      const maxWaitMs = opts.maxWaitMs === undefined ? undefined : Number(opts.maxWaitMs);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new CliError('--concurrency must be a positive integer');
      if (!Number.isInteger(leaseTtlMs) || leaseTtlMs < 100) throw new CliError('--lease-ms must be an integer of at least 100');
      if (!Number.isInteger(graceMs) || graceMs < 0) throw new CliError('--grace-ms must be a non-negative integer');
      if (maxWaitMs !== undefined && (!Number.isInteger(maxWaitMs) || maxWaitMs < 0)) throw new CliError('--max-wait-ms must be a non-negative integer');
      const badQueue = opts.queue.find((name) => !QUEUE_NAME.test(name));
      if (badQueue !== undefined) throw new CliError(`--queue ${JSON.stringify(badQueue)}: a queue name is 1–63 letters, digits, \`.\`, \`_\` or \`-\`, starting with a letter or digit`, ExitCode.usage);
      const session = await openEngine({ leaseTtlMs, ...(opts.queue.length === 0 ? {} : { queues: opts.queue }), ...storeOptionsOf(opts) });
      const stop = new AbortController();
      let drained: Promise<{ runs: string[] }> | undefined;
      const watch = handleInterrupts(() => {
        process.stderr.write(`\nworker: stopping; steps in flight have ${graceMs} ms to finish; Ctrl-C again to stop at once\n`);
        stop.abort();
        drained = session.engine.drain(graceMs);
      });
      try {
        const { runWorker } = await import('@sopflow/engine');
        const report = await runWorker({
          engine: reportingLostRuns(session.engine), store: session.store, concurrency, leaseTtlMs, untilIdle: opts.untilIdle === true, signal: stop.signal,
          ...(maxWaitMs === undefined ? {} : { maxWaitMs }),
          onStoreError: (error, retryInMs) => process.stderr.write(`worker: store error (${(error as Error).message}); retrying in ${retryInMs} ms\n`),
        });
        for (const t of report.takenOver) process.stderr.write(`worker: took over run ${t.runId} from worker pid ${t.holder.pid} on host ${t.holder.host}, which is gone\n`);
        process.stderr.write(`worker: handled ${report.runsHandled} run(s)\n`);
        for (const e of report.errors) process.stderr.write(`worker: run ${e.runId}: ${e.message}\n`);
        for (const g of report.gaveUp) process.stderr.write(`worker: run ${g.runId} is not done: this worker could not take it over (${g.message})\n`);
        for (const h of report.heldElsewhere) process.stderr.write(`worker: run ${h.runId} is not done: ${h.sentence}\n`);
        if (report.heldElsewhere.length > 0 || report.gaveUp.length > 0) process.exitCode = ExitCode.failed;
        if (drained !== undefined) {
          const { runs } = await drained;
          if (runs.length === 0) {
            process.stderr.write('worker: stopped; no step was in flight\n');
          } else {
            process.stderr.write(`interrupted: run${runs.length > 1 ? 's' : ''} ${runs.join(', ')} ${runs.length > 1 ? 'are' : 'is'} waiting; continue with \`sopflow worker\`${runs.length === 1 ? ` or \`sopflow resume ${runs[0]}\`` : ''}\n`);
            process.exitCode = INTERRUPTED;
          }
        }
      } finally {
        watch.dispose();
        await session.close();
      }
    });
}

/** The engine, saying on stderr (as it happens) each run it loses to another worker: the run's step was stopped and its result not recorded. */
function reportingLostRuns(engine: Engine): Engine {
  return {
    ...engine,
    takeOver: async (runId) => {
      try {
        await engine.takeOver(runId);
      } catch (error) {
        if ((error as { code?: unknown }).code === 'run_lost') {
          // The engine's message names the reason in parentheses ("another worker was granted its lease", "not renewed for …").
          const reason = /by this worker \((.*)\); it stopped/.exec((error as Error).message)?.[1] ?? (error as Error).message;
          process.stderr.write(`worker: lost run ${runId} to another worker (fenced: ${reason}); its step was stopped and not recorded\n`);
        }
        throw error;
      }
    },
  };
}
