import type { Command } from 'commander';
import { loadWorkflowFile } from '../io/load-workflow-file.js';

/** `sopflow explain FILE`: a plain-language summary of who does what. */
export function registerExplainCommand(program: Command): void {
  program
    .command('explain')
    .description('summarise a process in plain language: who does what, automation, approvals, parallel work')
    .argument('<file>', '.osop file')
    .action(async (file: string) => {
      const { explainWorkflow } = await import('@sopflow/format');
      const text = explainWorkflow(loadWorkflowFile(file).workflow);
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    });
}
