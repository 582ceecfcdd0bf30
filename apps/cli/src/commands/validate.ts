import type { Command } from 'commander';
import type { Diagnostic } from '@sopflow/format';
import { collectDocuments } from '../io/collect-documents.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readTextFile } from '@sopflow/service/read-text-file';
import { createWorkflowRefLoader } from '../io/workflow-ref-loader.js';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';
import { printJson } from '../output/print-json.js';

type Compat = 'sopflow' | 'core' | 'full';

interface FileReport {
  file: string;
  kind?: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** `sopflow validate FILE|DIR... [--json] [--compat core|full]`: exit 0 all valid, 1 any invalid, 2 usage. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('check .osop, .osoplog and .sop files (directories are searched recursively)')
    .argument('<paths...>', 'files or directories')
    .option('--json', 'print a JSON report')
    .option('--compat <level>', 'judge exactly as OSOP\'s published schema: core or full (default: sopflow)')
    .action(async (paths: string[], opts: { json?: boolean; compat?: string }) => {
      const { validateSource } = await import('@sopflow/format');
      const compat = parseCompat(opts.compat);
      const { files, missing } = collectDocuments(paths);
      if (files.length === 0 && missing.length === 0) {
        throw new CliError(`no .osop, .osoplog or .sop files found in ${paths.join(', ')}`);
      }
      const reports: FileReport[] = missing.map((file) => ({
        file,
        valid: false,
        diagnostics: [{ code: 'file-not-found', severity: 'error', message: `no such file or directory: ${file}`, file, line: 0, column: 0 }],
      }));
      const texts = new Map<string, string>();
      for (const file of files) {
        const source = readTextFile(file);
        if (source.text === undefined) {
          reports.push({ file, valid: false, diagnostics: source.diagnostics });
          continue;
        }
        texts.set(file, source.text);
        const report = validateSource(source.text, file, { compat, resolveWorkflowRef: createWorkflowRefLoader(file) });
        reports.push({ file, kind: report.kind, valid: report.valid, diagnostics: report.diagnostics });
      }
      if (opts.json) printJsonReport(reports);
      else printHuman(reports, texts);
      process.exitCode = missing.length > 0 ? ExitCode.usage : reports.every((r) => r.valid) ? ExitCode.ok : ExitCode.failed;
    });
}

function parseCompat(value: string | undefined): Compat {
  if (value === undefined || value === 'sopflow') return 'sopflow';
  if (value === 'core' || value === 'full') return value;
  throw new CliError(`--compat must be core or full, not "${value}"`);
}

function printJsonReport(reports: FileReport[]): void {
  const files = reports.map((r) => ({
    file: r.file,
    ...(r.kind ? { kind: r.kind } : {}),
    valid: r.valid,
    diagnostics: r.diagnostics.map((d) => ({
      code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column, ...(d.hint ? { hint: d.hint } : {}),
    })),
  }));
  printJson({ files }, 2);
}

function printHuman(reports: FileReport[], texts: Map<string, string>): void {
  const out = createStyle(process.stdout);
  let errors = 0;
  let warnings = 0;
  for (const r of reports) {
    errors += r.diagnostics.filter((d) => d.severity === 'error').length;
    warnings += r.diagnostics.filter((d) => d.severity === 'warning').length;
    const mark = r.valid ? out.green('✓') : out.red('✗');
    process.stdout.write(`${mark} ${r.file}${r.kind ? out.dim(` (${r.kind})`) : ''}\n`);
    if (r.diagnostics.length > 0) process.stdout.write(`${formatDiagnostics(r.diagnostics, texts.get(r.file), out)}\n`);
  }
  const invalid = reports.filter((r) => !r.valid).length;
  process.stdout.write(
    `\n${reports.length} file${reports.length === 1 ? '' : 's'}: ${reports.length - invalid} valid, ${invalid} invalid` +
      ` (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})\n`,
  );
}
