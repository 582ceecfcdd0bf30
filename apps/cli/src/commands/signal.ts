import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { parseData } from '../engine/parse-data.js';

/** `sopflow signal RUN NAME [--data JSON]`: deliver a named event to a run. */
export function registerSignalCommand(program: Command): void {
  program
    .command('signal')
    .description('send a named signal (event) to a run')
    .argument('<run>', 'run id')
    .argument('<name>', 'signal name')
    .option('--data <json>', 'payload as JSON, or @file')
    .option('--db <path>', 'database file')
    .action(async (runId: string, name: string, opts: { data?: string; db?: string }) => {
      const data = parseData(opts.data);
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        await engineCall(() => session.engine.signal(runId, name, data));
        await session.engine.settle();
        process.stdout.write(`signal ${name} delivered to ${runId}; run is ${(await session.store.getRun(runId))?.status ?? '?'}\n`);
      } finally {
        await session.close();
      }
    });
}
