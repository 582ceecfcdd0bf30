import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { engineCall, openEngine } from '../engine/open-engine.js';

/** `sopflow log RUN [-o file.osoplog]`: the run as an .osoplog execution record. */
export function registerLogCommand(program: Command): void {
  program
    .command('log')
    .description('write a run as an .osoplog execution record (YAML)')
    .argument('<run>', 'run id')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--db <path>', 'database file')
    .action(async (runId: string, opts: { output?: string; db?: string }) => {
      const session = await openEngine(opts.db === undefined ? {} : { db: opts.db });
      try {
        const run = await engineCall(() => session.engine.getRun(runId));
        const { toExecutionLog } = await import('@sopflow/engine');
        const { stringifyExecutionLog } = await import('@sopflow/format');
        const format = opts.output !== undefined && /\.json$/i.test(opts.output) ? 'json' : 'yaml';
        const text = stringifyExecutionLog(toExecutionLog(run.state, run.events, run.source.workflow), format);
        if (opts.output === undefined) process.stdout.write(text);
        else {
          writeFileSync(opts.output, text);
          process.stderr.write(`wrote ${opts.output}\n`);
        }
      } finally {
        await session.close();
      }
    });
}
