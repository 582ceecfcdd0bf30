import type { Command } from 'commander';
import type { Portfolio, StepReadiness } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';
import { readSourceFile } from '../io/read-source-file.js';

interface DelegationOpts extends EventLogOptions, StoreOptions {
  costPerHour?: string;
  trials?: string;
  json?: boolean;
}

/**
 * `sopflow delegation PROCESS RECORDS... [--cost-per-hour N] [--trials FILE] [--json]`: readiness
 * 0–100 per step with the reasons, and the ranked opportunity portfolio with every assumption
 * (measured, given or default) behind each expected monthly value (the service's `assessDelegation`).
 */
export function registerDelegationCommand(program: Command): void {
  const command = program
    .command('delegation')
    .description('delegation readiness per step (0-100, with reasons) and the ranked opportunity portfolio')
    .argument('<process>', 'the process (.osop)')
    .argument('<records...>', '.osoplog files or directories, one XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .option('--cost-per-hour <n>', 'loaded cost of a person\'s hour (default 50)')
    .option('--trials <file>', 'JSON list of delegation trials: [{"nodeId": "...", "agreed": true}, ...]')
    .option('--json', 'print readiness and portfolio as JSON');
  addStoreOption(addEventLogOptions(command)).action(async (processPath: string, recordPaths: string[], opts: DelegationOpts) => {
    const costPerHour = opts.costPerHour === undefined ? undefined : Number(opts.costPerHour);
    if (costPerHour !== undefined && !(Number.isFinite(costPerHour) && costPerHour >= 0)) {
      throw new CliError(`--cost-per-hour must be a number of 0 or more, not "${opts.costPerHour}"`);
    }
    const { workflow } = loadWorkflowFile(processPath);
    const trials = opts.trials === undefined ? undefined : readTrials(opts.trials);
    const sources = await recordSources(recordPaths);
    const { assessDelegation } = await import('@sopflow/service');
    const { readiness, portfolio, runs } = await withRecordsContext(sources, opts, (ctx) => assessDelegation(ctx, {
      workflow, sources, eventLog: eventLogOptionsOf(opts), ...(costPerHour === undefined ? {} : { costPerHour }), ...(trials === undefined ? {} : { trials }),
    }));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ workflow: workflow.id, runs, readiness, portfolio }, null, 2)}\n`);
      return;
    }
    printText(workflow.id, runs, readiness, portfolio);
  });
}

function printText(workflowId: string, runs: number, readiness: StepReadiness[], portfolio: Portfolio): void {
  const out: string[] = [`DELEGATION ${workflowId} (${runs} run${runs === 1 ? '' : 's'})`, ''];
  for (const r of readiness) {
    const state = r.state === undefined ? r.scope : r.suggestedState === r.state ? r.state : `${r.state} → ${r.suggestedState}`;
    out.push(`${r.nodeId}: ${state} (${r.executions} execution${r.executions === 1 ? '' : 's'})`);
    for (const line of r.summary) out.push(`  ${line}`);
  }
  out.push('', `OPPORTUNITIES (expected value per month; total ${portfolio.totalValue.toFixed(2)})`);
  for (const item of portfolio.items) {
    const value = item.monthlyValue === undefined ? item.history.note : `${item.monthlyValue.toFixed(2)} per month (if fully delegated ${item.potentialMonthlyValue?.toFixed(2)})`;
    out.push(`#${item.rank} ${item.nodeId}: ${value}`);
    for (const [name, a] of Object.entries(item.assumptions)) out.push(`  ${name} = ${+a.value.toFixed(4)} ${a.unit} (${a.source}: ${a.note})`);
  }
  for (const e of portfolio.excluded) out.push(`not ranked: ${e.nodeId}: ${e.reason}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The trials file's text (its content is checked by the service). */
function readTrials(path: string): { name: string; text: string } {
  const source = readSourceFile(path);
  if (source.text === undefined) {
    const missing = source.diagnostics.some((d) => d.code === 'file-not-found');
    throw new CliError(source.diagnostics[0]?.message ?? `cannot read ${path}`, missing ? ExitCode.usage : ExitCode.failed);
  }
  return { name: path, text: source.text };
}
