import type { Command } from 'commander';
import type { Portfolio, StepReadiness, TrialResult } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, type EventLogOptions } from '../io/read-event-log.js';
import { readRunRecords } from '../io/read-run-records.js';
import { addStoreOption, type StoreOptions } from '../io/read-store-runs.js';
import { readSourceFile } from '../io/read-source-file.js';

interface DelegationOpts extends EventLogOptions, StoreOptions {
  costPerHour?: string;
  trials?: string;
  json?: boolean;
}

/**
 * `sopflow delegation PROCESS RECORDS... [--cost-per-hour N] [--trials FILE] [--json]`: readiness
 * 0–100 per step with the reasons, and the ranked opportunity portfolio with every assumption
 * (measured, given or default) behind each expected monthly value.
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
    const { records } = await readRunRecords(recordPaths, { eventLog: opts, ...(opts.db === undefined ? {} : { db: opts.db }) });
    const { assessReadiness, rankPortfolio } = await import('@sopflow/analysis');
    const readiness = assessReadiness(workflow, records, trials ? { trials } : {});
    const portfolio = rankPortfolio(records, readiness, costPerHour === undefined ? {} : { costPerHour });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ workflow: workflow.id, runs: records.length, readiness, portfolio }, null, 2)}\n`);
      return;
    }
    printText(workflow.id, records.length, readiness, portfolio);
  });
}

function printText(workflowId: string, runs: number, readiness: StepReadiness[], portfolio: Portfolio): void {
  const out: string[] = [`DELEGATION READINESS ${workflowId} (${runs} run${runs === 1 ? '' : 's'})`, ''];
  for (const r of readiness) {
    out.push(`${r.nodeId}: ${r.score}/100 → ${r.suggestedState} (${r.executions} execution${r.executions === 1 ? '' : 's'})`);
    for (const f of r.factors) out.push(`  ${f.factor.padEnd(20)} ${f.score.toFixed(2)} ×${f.weight}  ${f.reason}`);
    for (const c of r.caps) out.push(`  cap: ${c}`);
  }
  out.push('', `OPPORTUNITY PORTFOLIO (expected value per month; total ${portfolio.totalValue.toFixed(2)})`);
  for (const item of portfolio.items) {
    out.push(`#${item.rank} ${item.nodeId}: ${item.monthlyValue.toFixed(2)} per month (readiness ${item.readiness}, ${item.suggestedState}; running total ${item.cumulativeValue.toFixed(2)})`);
    for (const [name, a] of Object.entries(item.assumptions)) {
      out.push(`  ${name} = ${+a.value.toFixed(4)} ${a.unit} (${a.source}: ${a.note})`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function readTrials(path: string): TrialResult[] {
  const source = readSourceFile(path);
  if (source.text === undefined) {
    const missing = source.diagnostics.some((d) => d.code === 'file-not-found');
    throw new CliError(source.diagnostics[0]?.message ?? `cannot read ${path}`, missing ? ExitCode.usage : ExitCode.failed);
  }
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (err) {
    throw new CliError(`${path}: not JSON (${(err as Error).message})`, ExitCode.failed);
  }
  if (!Array.isArray(value)) throw new CliError(`${path}: trials must be a JSON list`, ExitCode.failed);
  return value.map((t: unknown, i) => {
    const trial = t as Partial<TrialResult> | null;
    if (typeof trial !== 'object' || trial === null || typeof trial.nodeId !== 'string' || typeof trial.agreed !== 'boolean') {
      throw new CliError(`${path}: trial ${i + 1} needs "nodeId" (text) and "agreed" (true or false)`, ExitCode.failed);
    }
    return { nodeId: trial.nodeId, agreed: trial.agreed };
  });
}
