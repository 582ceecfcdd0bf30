import { renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readTextFile } from '@sopflow/service/read-text-file';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';

/** `sopflow fmt FILE... [--check]`: canonical formatting that keeps comments and key order. */
export function registerFmtCommand(program: Command): void {
  program
    .command('fmt')
    .description('format documents in place, keeping comments and key order (--check only reports)')
    .argument('<files...>', 'documents to format')
    .option('--check', 'exit 1 if any file would change; write nothing')
    .action(async (files: string[], opts: { check?: boolean }) => {
      const { formatSource, hasErrors } = await import('@sopflow/format');
      let failed = false;
      for (const file of files) {
        const source = readTextFile(file);
        if (source.text === undefined) {
          const missing = source.diagnostics.some((d) => d.code === 'file-not-found');
          throw new CliError(formatDiagnostics(source.diagnostics, undefined, createStyle(process.stderr)), missing ? ExitCode.usage : ExitCode.failed);
        }
        const result = formatSource(source.text, file);
        if (hasErrors(result.diagnostics)) {
          process.stderr.write(`${formatDiagnostics(result.diagnostics, source.text, createStyle(process.stderr))}\n`);
          failed = true;
          continue;
        }
        if (!result.changed) continue;
        if (opts.check) {
          process.stdout.write(`${file} would be reformatted\n`);
          failed = true;
          continue;
        }
        const tmp = `${file}.sopflow-fmt.tmp`;
        writeFileSync(tmp, result.text);
        renameSync(tmp, file);
        process.stdout.write(`formatted ${file}\n`);
      }
      process.exitCode = failed ? ExitCode.failed : ExitCode.ok;
    });
}
