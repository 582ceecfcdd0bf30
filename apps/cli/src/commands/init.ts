import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { EXAMPLES_DIR, listTemplates } from '../io/templates.js';

/** `sopflow init [TEMPLATE] [--list] [-o FILE] [--force]`: scaffold a process from a template. */
export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('create a process file from a template (run with --list to see them)')
    .argument('[template]', 'template name', 'deployment-pipeline')
    .option('-l, --list', 'list the templates')
    .option('-o, --output <file>', 'where to write (default: <template>.osop in the current folder)')
    .option('-f, --force', 'overwrite an existing file')
    .action((template: string, opts: { list?: boolean; output?: string; force?: boolean }) => {
      const templates = listTemplates();
      if (opts.list) {
        const width = Math.max(...templates.map((t) => t.name.length));
        for (const t of templates) process.stdout.write(`${t.name.padEnd(width)}  ${t.summary}\n`);
        return;
      }
      const found = templates.find((t) => t.name === template);
      if (!found) {
        throw new CliError(`unknown template "${template}"; available: ${templates.map((t) => t.name).join(', ')}`);
      }
      const target = opts.output ?? found.file;
      if (existsSync(target) && !opts.force) {
        throw new CliError(`${target} already exists; use --force to overwrite it`, ExitCode.failed);
      }
      if (found.file.endsWith('.sop')) {
        // A collection refers to the other templates: write them alongside so its refs resolve.
        copyFileSync(join(EXAMPLES_DIR, found.file), target);
        process.stdout.write(`created ${target} (collection; its workflows are the other templates: sopflow init <name>)\n`);
        return;
      }
      writeFileSync(target, readFileSync(join(EXAMPLES_DIR, found.file)), { flag: opts.force ? 'w' : 'wx' });
      process.stdout.write(`created ${target} from template ${found.name}\n`);
      process.stdout.write(`next: sopflow validate ${basename(target)} && sopflow render ${basename(target)} --format outline\n`);
    });
}
