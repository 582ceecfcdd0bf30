import { hasErrors, loadWorkflow, type Workflow } from '@sopflow/format';
import { CliError, ExitCode } from './exit-code.js';
import { readTextFile } from '@sopflow/service/read-text-file';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';

/**
 * Reads and normalises one workflow for commands that need a valid graph (render, explain, run).
 * On failure prints the diagnostics to stderr and throws a CliError (exit 2 for a missing file,
 * 1 for an invalid document).
 */
export function loadWorkflowFile(path: string): { workflow: Workflow; text: string } {
  const source = readTextFile(path);
  const style = createStyle(process.stderr);
  if (source.text === undefined) {
    const missing = source.diagnostics.some((d) => d.code === 'file-not-found' || d.code === 'not-a-file');
    throw new CliError(formatDiagnostics(source.diagnostics, undefined, style), missing ? ExitCode.usage : ExitCode.failed, { code: source.diagnostics[0]?.code ?? 'unreadable', file: path });
  }
  const { workflow, diagnostics } = loadWorkflow(source.text, path);
  if (!workflow || hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new CliError(`${path} is not a valid workflow:\n${formatDiagnostics(errors, source.text, style)}`, ExitCode.failed, { code: errors[0]?.code ?? 'invalid-workflow', file: path });
  }
  return { workflow, text: source.text };
}
