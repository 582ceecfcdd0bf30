import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';

/** `sopflow log RUN [-o file.osoplog]`: the run as an .osoplog execution record. Read-only on the database. */
export function registerLogCommand(program: Command): void {
  program
    .command('log')
    .description('write a run as an .osoplog execution record (YAML; JSON when the output file ends in .json)')
    .argument('<run>', 'run id')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .action(async (runId: string, opts: { output?: string; db?: string }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { getRunLog } = await import('@sopflow/service');
        const format = opts.output !== undefined && /\.json$/i.test(opts.output) ? 'json' : 'yaml';
        const text = await engineCall(() => getRunLog(session, runId, format));
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
