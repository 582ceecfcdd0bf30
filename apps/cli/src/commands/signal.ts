import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { parseData } from '../engine/parse-data.js';

/** `sopflow signal RUN NAME [--data JSON]`: deliver a named event to a run; refused when no step of the run waits for it. */
export function registerSignalCommand(program: Command): void {
  program
    .command('signal')
    .description('send a named signal (event) to a run; refused when no step of the run waits for that name')
    .argument('<run>', 'run id')
    .argument('<name>', 'signal name')
    .option('--data <json>', 'payload as JSON, or @file')
    .option('--db <path>', 'database file')
    .action(async (runId: string, name: string, opts: { data?: string; db?: string }) => {
      const data = parseData(opts.data);
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        const { signalRun } = await import('@sopflow/service');
        const sent = await engineCall(() => signalRun(session, runId, name, data));
        process.stdout.write(`signal ${name} delivered to ${runId}; run is ${sent.status}\n`);
      } finally {
        await session.close();
      }
    });
}
