import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { engineCall } from '../engine/open-engine.js';
import { printJson } from '../output/print-json.js';

interface MineOpts extends EventLogOptions {
  miner: string;
  noise?: string;
  metrics?: boolean;
  json?: boolean;
  output?: string;
  dfg?: string;
  coverage?: string;
  minArc?: string;
  format?: string;
  variants?: boolean;
  top?: string;
}

/**
 * `sopflow mine LOG [--miner im|imf|heuristics|alpha] [--noise 0.2] [--metrics] [--json] [-o out.osop]`: the service's `mineEventLog`, printed;
 * `--dfg frequency|performance [--coverage 0.8] [--min-arc N] [--format mermaid|dot|json]`: `viewEventLogDfg`; `--variants [--top N] [--json]`: `listEventLogVariants`.
 */
export function registerMineCommand(program: Command): void {
  const command = program
    .command('mine')
    .description('discover a process model from an event log (inductive miner) and measure its quality')
    .argument('<log>', 'event log: .xes, .xes.gz or .csv')
    .option('--miner <miner>', 'im (exact), imf (infrequent-behaviour filter), heuristics (PM4Py defaults) or alpha', 'im')
    .option('--noise <threshold>', 'IMf noise threshold, 0..1 (default 0.2)')
    .option('--metrics', 'compute fitness (token replay and alignments), precision, generalization, simplicity')
    .option('--json', 'print the report as JSON')
    .option('-o, --output <file>', 'write the mined model as a draft .osop (with --dfg: the diagram)')
    .option('--dfg <measure>', 'instead of mining, draw the directly-follows graph: frequency (counts) or performance (median/mean time on arcs)')
    .option('--coverage <share>', '--dfg: keep the most frequent variants covering this share of cases, 0..1 (default 1)')
    .option('--min-arc <count>', '--dfg: drop arcs seen fewer than this many times (default 1)')
    .option('--format <format>', '--dfg: mermaid (default), dot or json')
    .option('--variants', 'instead of mining, list the variants with counts, shares and case durations')
    .option('--top <n>', '--variants: only the N most frequent');
  addEventLogOptions(command).action(async (path: string, opts: MineOpts) => {
    if (opts.dfg !== undefined || opts.variants) return printView(path, opts);
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
      printJson(json, 2);
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
      process.stdout.write(`fitness: token replay ${f(report.fitness.tbr)}, alignments ${report.alignmentsRefused ? `n/a (${report.alignmentsRefused})` : f(report.fitness.alignments)}\n`);
      process.stdout.write(`precision (ETC) ${f(report.precision)}, generalization ${f(report.generalization)}, simplicity ${f(report.simplicity)}\n`);
    }
    if (opts.output) process.stdout.write(`wrote ${opts.output}\n`);
  });
}

/** `--dfg` and `--variants`: the diagram on stdout (what was kept on stderr), or the variants table. */
async function printView(path: string, opts: MineOpts): Promise<void> {
  if (opts.dfg !== undefined && opts.variants) throw new CliError('--dfg and --variants are separate views; ask for one');
  if (opts.metrics || opts.noise !== undefined) throw new CliError('--metrics and --noise apply to mining, not to --dfg or --variants');
  const { viewEventLogDfg, listEventLogVariants } = await import('@sopflow/service');
  const { describeLifecycleRule, formatMs } = await import('@sopflow/analysis');
  const numberOf = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    if (text.trim() === '' || Number.isNaN(Number(text))) throw new CliError(`${flag} must be a number, not "${text}"`);
    return Number(text);
  };
  if (opts.variants) {
    const { cases, variants, lifecycle } = await engineCall(() => listEventLogVariants({ log: { path }, top: numberOf('--top', opts.top), eventLog: eventLogOptionsOf(opts) }));
    if (opts.json) {
      printJson({ cases, variants }, 2);
      return;
    }
    if (lifecycle) process.stdout.write(`${describeLifecycleRule(lifecycle)}\n`);
    const rows = variants.map((v, i) => [String(i + 1), String(v.count), pct(v.share), pct(v.cumulativeShare), formatMs(v.medianMs), formatMs(v.meanMs), v.activities.join(' → ')]);
    process.stdout.write(table(['#', 'cases', 'share', 'cumulative', 'median', 'mean', 'variant'], rows));
    process.stdout.write(`${cases} cases${opts.top === undefined ? '' : `; the ${variants.length} most frequent variants shown`}\n`);
    return;
  }
  const format = opts.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot' && format !== 'json') throw new CliError(`--format must be mermaid, dot or json, not "${format}"`);
  const result = await engineCall(() => viewEventLogDfg({
    log: { path }, measure: opts.dfg, coverage: numberOf('--coverage', opts.coverage), minArc: numberOf('--min-arc', opts.minArc), eventLog: eventLogOptionsOf(opts),
  }));
  const { view } = result;
  if (opts.output) writeFileSync(opts.output, format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : format === 'dot' ? result.dot : result.mermaid);
  else if (format === 'json') printJson(view, 2);
  else process.stdout.write(format === 'dot' ? result.dot : result.mermaid);
  if (result.lifecycle) process.stderr.write(`${describeLifecycleRule(result.lifecycle)}\n`);
  process.stderr.write(`kept ${view.cases.kept} of ${view.cases.total} cases (${view.variants.kept} of ${view.variants.total} variants); ${view.edges.length} arcs shown, ${view.arcsDropped} dropped${opts.output ? `; wrote ${opts.output}` : ''}\n`);
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Left-aligned text columns, two spaces apart. */
function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}
