import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';

const KINDS = ['workflow', 'log', 'collection'] as const;
const LEVELS = ['sopflow', 'core', 'full'] as const;

/** `sopflow schema [--compat core|full] [--kind workflow|log|collection]`: print the JSON Schema. */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a document kind (generated from the same model the validator uses)')
    .option('--compat <level>', 'core or full: OSOP\'s published levels (default: sopflow)', 'sopflow')
    .option('--kind <kind>', `one of ${KINDS.join(', ')}`, 'workflow')
    .action(async (opts: { compat: string; kind: string }) => {
      const { jsonSchemaFor } = await import('@sopflow/format');
      const level = opts.compat as (typeof LEVELS)[number];
      const kind = opts.kind as (typeof KINDS)[number];
      if (!LEVELS.includes(level)) throw new CliError(`--compat must be core or full, not "${opts.compat}"`);
      if (!KINDS.includes(kind)) throw new CliError(`--kind must be one of ${KINDS.join(', ')}, not "${opts.kind}"`);
      process.stdout.write(`${JSON.stringify(jsonSchemaFor(kind, level), null, 2)}\n`);
    });
}
