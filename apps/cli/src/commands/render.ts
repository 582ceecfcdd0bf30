import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';

const FORMATS = ['mermaid', 'dot', 'outline'] as const;
type RenderFormat = (typeof FORMATS)[number];

/** `sopflow render FILE --format mermaid|dot|outline`. */
export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description('draw a process as Mermaid, Graphviz DOT, or a terminal outline grouped by role')
    .argument('<file>', '.osop file')
    .option('-f, --format <format>', `one of ${FORMATS.join(', ')}`, 'outline')
    .action(async (file: string, opts: { format: string }) => {
      const { renderDot, renderMermaid, renderOutline } = await import('@sopflow/format');
      const format = opts.format as RenderFormat;
      if (!FORMATS.includes(format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, not "${opts.format}"`);
      const { workflow } = loadWorkflowFile(file);
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const text = format === 'mermaid' ? renderMermaid(workflow) : format === 'dot' ? renderDot(workflow) : renderOutline(workflow, { color });
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}
