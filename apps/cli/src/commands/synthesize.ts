import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { recordSources, withRecordsContext } from '../io/records-context.js';

interface SynthesizeOpts {
  base?: string;
  output: string;
  force?: boolean;
  id?: string;
  name?: string;
}

/**
 * `sopflow synthesize RECORDS... [--base PROCESS] -o draft.osop [--force]`: mine runs (`.osoplog`)
 * or Claude Code transcripts (`.jsonl`) into a better draft process, and write the rationale —
 * every change with its evidence — beside it as `draft.rationale.md` (the service's `synthesizeProcess`).
 * Never overwrites without --force.
 */
export function registerSynthesizeCommand(program: Command): void {
  program
    .command('synthesize')
    .description('mine runs or agent transcripts into a draft process, with a rationale citing the evidence')
    .argument('<records...>', '.osoplog files, Claude Code .jsonl transcripts, or directories of them')
    .requiredOption('-o, --output <file>', 'the draft to write (.osop); the rationale goes beside it (.rationale.md)')
    .option('--base <process>', 'refine this process (.osop) instead of mining one from scratch')
    .option('--id <id>', 'id of the drafted process (mined drafts only)')
    .option('--name <name>', 'name of the drafted process (mined drafts only)')
    .option('-f, --force', 'overwrite the draft and the rationale')
    .action(async (recordPaths: string[], opts: SynthesizeOpts) => {
      if (!/\.osop$/i.test(opts.output)) throw new CliError(`-o must name an .osop file, not "${opts.output}"`);
      const rationalePath = opts.output.replace(/\.osop$/i, '.rationale.md');
      for (const target of [opts.output, rationalePath]) {
        if (existsSync(target) && !opts.force) throw new CliError(`${target} already exists; use --force to overwrite it`, ExitCode.failed);
      }
      const base = opts.base === undefined ? undefined : loadWorkflowFile(opts.base).workflow;
      const sources = await recordSources(recordPaths);
      const { synthesizeProcess } = await import('@sopflow/service');
      const result = await withRecordsContext(sources, {}, (ctx) => synthesizeProcess(ctx, {
        sources, draftName: opts.output, ...(base === undefined ? {} : { base }),
        ...(opts.id === undefined ? {} : { id: opts.id }), ...(opts.name === undefined ? {} : { name: opts.name }),
      }));
      writeFileSync(opts.output, result.text);
      writeFileSync(rationalePath, result.rationale);
      const wf = result.workflow;
      process.stdout.write(`synthesised ${wf.id}@${wf.version ?? '?'} (draft) from ${result.runs} run${result.runs === 1 ? '' : 's'}${result.fromTranscripts ? ' (agent transcripts)' : ''}: `
        + `${wf.nodes.length} steps, ${wf.edges.length} edges, ${result.changes.length} change${result.changes.length === 1 ? '' : 's'} with evidence\n`);
      process.stdout.write(`wrote ${opts.output}\nwrote ${rationalePath}\n`);
      if (result.removals.length > 0) process.stderr.write(`sopflow: the draft removes ${result.removals.length} safety element${result.removals.length === 1 ? '' : 's'} of the base (${[...new Set(result.removals.map((r) => r.kind))].join(', ')}); a person must confirm each — see ${rationalePath}\n`);
      const problems = result.diagnostics.filter((d) => d.severity !== 'info');
      for (const d of problems) process.stderr.write(`${opts.output}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}\n`);
      if (!result.valid) {
        process.stderr.write('sopflow: the draft does not validate; review it before use\n');
        process.exitCode = ExitCode.failed;
      }
    });
}
