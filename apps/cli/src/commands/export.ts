import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { printLosses } from './import-model.js';

/**
 * `sopflow export FILE --to osop|bpmn|pnml|ptml [-o OUT]`: a process for another tool (the
 * service's `exportProcess`). Writes to stdout or OUT; what the format cannot carry is printed as
 * warnings on stderr. Exit 0 when written, 1 when the process cannot be written that way, 2 on usage errors.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write a process for other tools: OSOP Full (osop), BPMN 2.0 (bpmn), Petri net (pnml), process tree (ptml)')
    .argument('<process>', 'the process (.osop)')
    .requiredOption('--to <format>', 'osop | bpmn | pnml | ptml')
    .option('-o, --output <file>', 'write here instead of stdout')
    .action(async (processPath: string, opts: { to: string; output?: string }) => {
      const { workflow } = loadWorkflowFile(processPath);
      const { exportProcess } = await import('@sopflow/service');
      const { text, losses } = await exportProcess({ workflow, to: opts.to });
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
      printLosses(processPath, opts.to, losses);
      if (opts.output) process.stderr.write(`wrote ${opts.output}${losses.length > 0 ? ` (${losses.length} thing${losses.length === 1 ? '' : 's'} not carried across, listed above)` : ''}\n`);
    });
}
