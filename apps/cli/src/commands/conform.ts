import type { Command } from 'commander';
import type { ConformanceReport, RunRecord } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, type EventLogOptions } from '../io/read-event-log.js';
import { readRunRecords } from '../io/read-run-records.js';
import { addStoreOption, storeSelector, type StoreOptions } from '../io/read-store-runs.js';

interface ConformOpts extends EventLogOptions, StoreOptions {
  json?: boolean;
  budgetMs?: string;
  strict?: boolean;
}

interface RunFigures {
  runId: string;
  finished: boolean;
  /** Token-based replay fitness of the run's trace on the process net. */
  tokenReplay?: number;
  /** PM4Py-style alignment fitness; undefined when the alignment ran out of budget. */
  alignment?: number;
  deviations: ConformanceReport['runs'][number]['deviations'];
  unjudgedConditions: number;
}

const DEFAULT_BUDGET_MS = 5000;

/**
 * `sopflow conform PROCESS RECORDS... [--json] [--budget-ms N] [--strict]`: how far runs followed
 * their process, per run and in total — token replay and alignment fitness on the process's Petri
 * net, and named deviations. A trace over the time budget is reported "not finished", never guessed.
 * Exit 0 when the check ran (1 with --strict when any deviation or unfinished run was found).
 */
export function registerConformCommand(program: Command): void {
  const command = program
    .command('conform')
    .description('check runs against their process: fitness (token replay, alignments) and named deviations')
    .argument('<process>', 'the process (.osop)')
    .argument('<records...>', '.osoplog files or directories, one XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .option('--json', 'print the report as JSON')
    .option('--budget-ms <ms>', `time budget per trace for the alignments (default ${DEFAULT_BUDGET_MS})`)
    .option('--strict', 'exit 1 when any deviation is found or any run did not finish');
  addStoreOption(addEventLogOptions(command)).action(async (processPath: string, recordPaths: string[], opts: ConformOpts) => {
    const budgetMs = opts.budgetMs === undefined ? DEFAULT_BUDGET_MS : Number(opts.budgetMs);
    if (!Number.isInteger(budgetMs) || budgetMs <= 0) throw new CliError(`--budget-ms must be a positive whole number, not "${opts.budgetMs}"`);
    const { workflow } = loadWorkflowFile(processPath);
    const { records } = await readRunRecords(ownRuns(recordPaths, workflow.id), { eventLog: opts, ...(opts.db === undefined ? {} : { db: opts.db }) });
    const analysis = await import('@sopflow/analysis');
    const model = analysis.buildPrescribedModel(workflow);
    const report = analysis.conformRuns(workflow, records, {
      model,
      aligner: (trace) => {
        const deadline = Date.now() + budgetMs;
        return analysis.alignRunTrace(model, trace, { shouldStop: () => Date.now() > deadline });
      },
    });
    const net = analysis.workflowToPetriNet(workflow);
    const log = analysis.recordsToConformanceLog(workflow, records);
    const replay = analysis.replayLog(log, net);
    const tbr = analysis.summariseReplay(replay);
    const alignments = analysis.alignLog(log, net, { maxMillis: budgetMs });
    const key = (trace: readonly string[]): string => trace.join('\u0000');
    const replayByTrace = new Map(replay.variants.map((v) => [key(v.trace), v.result.fitness]));
    const alignByTrace = new Map(alignments.variants.map((v) => [key(v.trace), v.fitness]));
    const traceOf = new Map(log.cases.map((c) => [c.id, key(Array.from(c.activities, (a) => log.activities[a]))]));
    const runs: RunFigures[] = report.runs.map((run) => {
      const trace = traceOf.get(run.runId) ?? '';
      const alignment = alignByTrace.get(trace);
      return {
        runId: run.runId,
        finished: run.finished && alignment !== undefined && !Number.isNaN(alignment),
        tokenReplay: replayByTrace.get(trace),
        alignment: alignment === undefined || Number.isNaN(alignment) ? undefined : alignment,
        deviations: run.deviations,
        unjudgedConditions: run.unjudgedConditions,
      };
    });
    const total = {
      workflow: workflow.id,
      runs: records.length,
      variants: report.variants,
      tokenReplay: tbr.logFitness,
      alignment: alignments.unfinishedCases === records.length ? undefined : alignments.logFitness,
      stepFitness: report.fitness,
      notFinished: runs.filter((r) => !r.finished).length,
      deviations: report.byKind,
      patterns: report.patterns,
    };
    if (opts.json) process.stdout.write(`${JSON.stringify({ total, runs }, null, 2)}\n`);
    else printText(total, runs, records);
    const found = runs.some((r) => r.deviations.length > 0 || !r.finished);
    if (opts.strict && found) process.exitCode = ExitCode.failed;
  });
}

function printText(
  total: { workflow: string; runs: number; variants: number; tokenReplay: number; alignment?: number; notFinished: number; deviations: Record<string, number>; patterns: { pattern: string; runs: number }[] },
  runs: RunFigures[],
  records: RunRecord[],
): void {
  const f = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(4));
  const out: string[] = [];
  out.push(`CONFORMANCE ${total.workflow}: ${total.runs} run${total.runs === 1 ? '' : 's'}, ${total.variants} variant${total.variants === 1 ? '' : 's'}`);
  out.push(`fitness: token replay ${f(total.tokenReplay)}, alignments ${f(total.alignment)}${total.notFinished > 0 ? ` (${total.notFinished} not finished)` : ''}`);
  const kinds = Object.entries(total.deviations).filter(([, n]) => n > 0);
  const unchecked = total.notFinished > 0 ? ` (${total.notFinished} run${total.notFinished === 1 ? '' : 's'} not checked: over the time budget)` : '';
  out.push(`deviations: ${kinds.length === 0 ? 'none found' : kinds.map(([k, n]) => `${k} ${n}`).join(', ')}${unchecked}`);
  out.push('');
  const width = Math.max(3, ...runs.map((r) => r.runId.length));
  out.push(`${'run'.padEnd(width)}  ${'replay'.padStart(6)}  ${'align'.padStart(6)}  deviations`);
  for (const r of runs) {
    const status = r.finished ? `${r.deviations.length}` : 'not finished';
    out.push(`${r.runId.padEnd(width)}  ${f(r.tokenReplay).padStart(6)}  ${f(r.alignment).padStart(6)}  ${status}`);
    for (const d of r.deviations) out.push(`${' '.repeat(width)}    - ${d.kind}: ${d.detail}`);
    if (r.unjudgedConditions > 0) out.push(`${' '.repeat(width)}    (${r.unjudgedConditions} branch condition${r.unjudgedConditions === 1 ? '' : 's'} could not be judged from the record)`);
  }
  if (total.patterns.length > 0) {
    out.push('');
    out.push('Patterns (runs showing each):');
    for (const p of total.patterns) out.push(`  ${p.pattern}: ${p.runs} of ${records.length}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `runs:` in a conformance check means this process's runs only; another process's runs (`runs:OTHER`) are a usage error. */
function ownRuns(recordPaths: readonly string[], workflowId: string): string[] {
  return recordPaths.map((arg) => {
    const selected = storeSelector(arg);
    if (selected === undefined) return arg;
    if (selected !== '' && selected !== workflowId) {
      throw new CliError(`${arg} selects the runs of ${selected}, but the process is ${workflowId}; conform checks a process against its own runs (runs: or runs:${workflowId})`);
    }
    return `runs:${workflowId}`;
  });
}
