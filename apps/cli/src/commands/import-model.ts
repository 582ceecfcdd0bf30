import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workflow } from '@sopflow/format';
import type { InterchangeLoss } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { printJson } from '../output/print-json.js';

/** True for the process-model files `import` and `conform` read besides .osop (.bpmn, .pnml, .ptml). */
export function isModelFile(file: string): boolean {
  return /\.(bpmn|pnml|ptml)$/i.test(file);
}

/** Prints each loss as a warning on stderr: `sopflow: FILE → FORMAT: warning [code] element: message`. */
export function printLosses(file: string, format: string, losses: readonly InterchangeLoss[]): void {
  for (const loss of losses) process.stderr.write(`sopflow: ${file} → ${format}: warning [${loss.code}]${loss.element ? ` ${loss.element}:` : ''} ${loss.message}\n`);
}

/** Reads a .bpmn/.pnml/.ptml model as a workflow (the service's `importProcessModel`); losses go to stderr. */
export async function loadModelFile(file: string): Promise<{ workflow: Workflow; losses: InterchangeLoss[] }> {
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`, ExitCode.usage, { code: 'file-not-found', file });
  const { importProcessModel } = await import('@sopflow/service');
  const result = await importProcessModel({ text: readFileSync(file, 'utf8'), file });
  printLosses(file, 'osop', result.losses);
  return result;
}

/**
 * `sopflow import MODEL.bpmn|.pnml|.ptml`: writes the draft `.osop` into DIR (unless it exists and
 * `force` is off) or, with --json, prints {file, written, workflow id, losses}. Returns whether it failed.
 */
export async function importModelFile(file: string, opts: { writeDir?: string; json?: boolean; force?: boolean }): Promise<boolean> {
  const { stringifyWorkflow } = await import('@sopflow/format');
  let workflow: Workflow;
  let losses: InterchangeLoss[];
  try {
    ({ workflow, losses } = await loadModelFile(file));
  } catch (error) {
    const message = (error as Error).message;
    if (opts.json) printJson({ file, error: { code: (error as { code?: string }).code ?? 'invalid-model', message } });
    else process.stderr.write(`sopflow: ${message}\n`);
    return true;
  }
  const written: string[] = [];
  if (opts.writeDir !== undefined) {
    mkdirSync(opts.writeDir, { recursive: true });
    const target = join(opts.writeDir, `${workflow.id}.osop`);
    if (existsSync(target) && !opts.force) {
      process.stderr.write(`sopflow: ${file}: ${target} already exists; use --force to overwrite it\n`);
      return true;
    }
    writeFileSync(target, stringifyWorkflow(workflow));
    written.push(target);
  }
  if (opts.json) printJson({ file, workflow: workflow.id, steps: workflow.nodes.length, edges: workflow.edges.length, written, losses });
  else process.stdout.write(`${file}: ${workflow.nodes.length} steps, ${workflow.edges.length} edges${written.length > 0 ? ` → ${written.join(', ')}` : ''}\n`);
  return false;
}
