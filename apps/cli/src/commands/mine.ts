import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { engineCall } from '../engine/open-engine.js';

interface MineOpts extends EventLogOptions {
  miner: string;
  noise?: string;
  metrics?: boolean;
  json?: boolean;
  output?: string;
}

/** `sopflow mine LOG [--miner im|imf|heuristics|alpha] [--noise 0.2] [--metrics] [--json] [-o out.osop]`: the service's `mineEventLog`, printed. */
export function registerMineCommand(program: Command): void {
  const command = program
    .command('mine')
    .description('discover a process model from an event log (inductive miner) and measure its quality')
    .argument('<log>', 'event log: .xes, .xes.gz or .csv')
    .option('--miner <miner>', 'im (exact), imf (infrequent-behaviour filter), heuristics (PM4Py defaults) or alpha', 'im')
    .option('--noise <threshold>', 'IMf noise threshold, 0..1 (default 0.2)')
    .option('--metrics', 'compute fitness (token replay and alignments), precision, generalization, simplicity')
    .option('--json', 'print the report as JSON')
    .option('-o, --output <file>', 'write the mined model as a draft .osop');
  addEventLogOptions(command).action(async (path: string, opts: MineOpts) => {
    const noise = opts.noise === undefined ? undefined : Number(opts.noise);
    if (noise !== undefined && !(noise >= 0 && noise <= 1)) throw new CliError(`--noise must be a number from 0 to 1, not "${opts.noise}"`);
    if (opts.output && (opts.miner === 'heuristics' || opts.miner === 'alpha')) throw new CliError(`-o writes a process tree as a draft; --miner ${opts.miner} finds a Petri net (use im or imf)`);
    const { mineEventLog } = await import('@sopflow/service');
    const { report, text } = await engineCall(() => mineEventLog({
      log: { path }, miner: opts.miner, eventLog: eventLogOptionsOf(opts), ...(noise === undefined ? {} : { noise }), ...(opts.metrics ? { metrics: true } : {}),
    }));
    if (opts.output && text !== undefined) writeFileSync(opts.output, text);
    if (opts.json) {
      const { tree: treeText, fitness, ...rest } = report;
      const json = { ...rest, ...(treeText === undefined ? {} : { tree: treeText }), ...(fitness ? { fitness: { tbr: fitness.tbr, alignments: fitness.alignments, percentage_fitting_traces: fitness.alignmentDetail.percentageFittingTraces } } : {}) };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      return;
    }
    const f = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(4));
    if (report.lifecycle) {
      const { describeLifecycleRule } = await import('@sopflow/analysis');
      process.stdout.write(`${describeLifecycleRule(report.lifecycle)}\n`);
    }
    process.stdout.write(`log: ${report.cases} cases, ${report.events} events, ${report.activities} activities, ${report.variants} variants\n`);
    process.stdout.write(`model (${opts.miner.toUpperCase()}${opts.miner === 'imf' ? ` ${noise ?? 0.2}` : ''}): ${report.places} places, ${report.transitions} transitions (${report.silentTransitions} silent)\n`);
    if (report.tree !== undefined) process.stdout.write(`process tree: ${report.tree}\n`);
    if (report.fitness) {
      process.stdout.write(`fitness: token replay ${f(report.fitness.tbr)}, alignments ${f(report.fitness.alignments)}\n`);
      process.stdout.write(`precision (ETC) ${f(report.precision)}, generalization ${f(report.generalization)}, simplicity ${f(report.simplicity)}\n`);
    }
    if (opts.output) process.stdout.write(`wrote ${opts.output}\n`);
  });
}
