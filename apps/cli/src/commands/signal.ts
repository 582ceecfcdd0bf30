import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
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
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (runId: string, name: string, opts: { data?: string; db?: string }) => {
      const data = parseData(opts.data);
      const session = await openEngine(storeOptionsOf(opts));
      try {
        const { signalRun } = await import('@sopflow/service');
        const sent = await engineCall(() => signalRun(session, runId, name, data));
        process.stdout.write(`signal ${name} delivered to ${runId}; run is ${sent.status}\n`);
      } finally {
        await session.close();
      }
    });
}
