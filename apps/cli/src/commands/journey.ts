import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { FunnelGroup } from '@sopflow/analysis';
import type { JourneyReport } from '@sopflow/service';
import { AUDIT_KEY_HELP, engineCall } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { withAdmin } from './server-commands.js';
import { printJson } from '../output/print-json.js';

interface StoreOpts { db?: string; auditKey?: string; tenant: string }
interface ReportOpts extends StoreOpts { since?: string; json?: boolean; synthesize?: string; force?: boolean; top: string }

/**
 * `sopflow journey key create|list|revoke`, `sopflow journey report IDEAL.osop`, `sopflow journey logs`:
 * journey tracking from the command line, acting as the machine's operator on the server's database.
 */
export function registerJourneyCommands(program: Command): void {
  const journey = program.command('journey').description("visitors' journeys (people and agents) along a site's ideal journey");
  const key = journey.command('key').description("a tenant's public journey keys (a site embeds one; it only routes events to the tenant)");
  storeOptions(key.command('create').description('create a journey key')
    .option('--origin <url...>', 'the sites whose pages may send events with it (default: any)'))
    .option('--json', 'print JSON: { key, tenant, origins, created_at }')
    .action(async (opts: StoreOpts & { origin?: string[]; json?: boolean }) => {
      await withAdmin(opts, async (ctx) => {
        const { createJourneyKey } = await import('@sopflow/service');
        const made = await engineCall(() => createJourneyKey(ctx, { tenant: opts.tenant, origins: opts.origin ?? [] }));
        if (opts.json === true) printJson(made);
        else process.stdout.write(`created journey key ${made.key} for tenant ${made.tenant} (origins: ${made.origins.join(', ') || 'any'})\n  embed: <script src="https://YOUR-SOPFLOW/journey.js" data-key="${made.key}" async></script>\n`);
      });
    });
  storeOptions(key.command('list').description("the tenant's journey keys")).action(async (opts: StoreOpts) => {
    await withAdmin(opts, async (ctx) => {
      const { listJourneyKeys } = await import('@sopflow/service');
      for (const k of await engineCall(() => listJourneyKeys(ctx, opts.tenant))) process.stdout.write(`${k.key}  ${k.created_at}  origins: ${k.origins.join(', ') || 'any'}\n`);
    });
  });
  storeOptions(key.command('revoke').description('revoke a journey key: the collector refuses it (404) from the next request on; its events stay')
    .argument('<key>', 'the key (jk_…)'))
    .option('--json', 'print JSON: { key, tenant, origins, created_at, revoked_at }')
    .action(async (keyId: string, opts: StoreOpts & { json?: boolean }) => {
      await withAdmin(opts, async (ctx) => {
        const { revokeJourneyKey } = await import('@sopflow/service');
        const revoked = await engineCall(() => revokeJourneyKey(ctx, { tenant: opts.tenant, key: keyId }));
        if (opts.json === true) printJson(revoked);
        else process.stdout.write(`revoked journey key ${revoked.key} of tenant ${revoked.tenant} at ${revoked.revoked_at}\n`);
      });
    });

  storeOptions(journey.command('report').description('the funnel along the ideal journey: reached and drop-off per step, the commonest detours, people and agents apart')
    .argument('<ideal>', 'the ideal journey (.osop): its main path from the entry node is the funnel')
    .option('--since <date>', 'only sessions that began at or after this date or time')
    .option('--top <n>', 'detours listed per group', '5')
    .option('--json', 'print the report as JSON')
    .option('--synthesize <out>', 'also mine the converting sessions into a proposed ideal journey (.osop), with its rationale beside it (.rationale.md)')
    .option('-f, --force', 'overwrite the proposal'))
    .action(async (idealPath: string, opts: ReportOpts) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 0) throw new CliError(`--top ${opts.top}: give a whole number`, ExitCode.usage);
      const out = opts.synthesize;
      if (out !== undefined && !/\.osop$/i.test(out)) throw new CliError(`--synthesize must name an .osop file, not "${out}"`, ExitCode.usage);
      const rationalePath = out?.replace(/\.osop$/i, '.rationale.md');
      for (const target of out === undefined ? [] : [out, rationalePath!]) {
        if (existsSync(target) && opts.force !== true) throw new CliError(`${target} already exists; use --force to overwrite it`, ExitCode.failed);
      }
      const { workflow } = loadWorkflowFile(idealPath);
      await withAdmin(opts, async (ctx) => {
        const { journeyReport } = await import('@sopflow/service');
        const report = await engineCall(() => journeyReport(ctx, {
          tenant: opts.tenant, ideal: workflow, topDetours: top, synthesize: out !== undefined, ...(opts.since === undefined ? {} : { since: opts.since }),
        }));
        if (opts.json === true) printJson(report, 2);
        else process.stdout.write(formatReport(report));
        if (out === undefined) return;
        if (report.proposal === null || report.proposal === undefined) {
          process.stderr.write('sopflow: no session converted, so there is nothing to learn a better journey from\n');
          process.exitCode = ExitCode.failed;
          return;
        }
        writeFileSync(out, report.proposal.text);
        writeFileSync(rationalePath!, report.proposal.rationale);
        process.stderr.write(`wrote ${out} (proposed from ${report.proposal.sessions} converting session${report.proposal.sessions === 1 ? '' : 's'}; a draft for a person to review) and ${rationalePath}\n`);
        if (!report.proposal.valid) process.exitCode = ExitCode.failed;
      });
    });

  storeOptions(journey.command('logs').description('write each session as an .osoplog (one file per session) for diff, conform, mine or synthesize')
    .requiredOption('-o, --out <dir>', 'folder to write into (made if missing)')
    .option('--ideal <osop>', 'name steps by the ideal journey\'s node ids and its workflow id')
    .option('--since <date>', 'only sessions that began at or after this date or time'))
    .action(async (opts: StoreOpts & { out: string; ideal?: string; since?: string }) => {
      const ideal = opts.ideal === undefined ? undefined : loadWorkflowFile(opts.ideal).workflow;
      await withAdmin(opts, async (ctx) => {
        const { journeySessionLogs } = await import('@sopflow/service');
        const logs = await engineCall(() => journeySessionLogs(ctx, { tenant: opts.tenant, ...(ideal === undefined ? {} : { ideal }), ...(opts.since === undefined ? {} : { since: opts.since }) }));
        mkdirSync(opts.out, { recursive: true });
        for (const log of logs) writeFileSync(join(opts.out, log.name), log.text);
        process.stdout.write(`wrote ${logs.length} session${logs.length === 1 ? '' : 's'} as .osoplog to ${opts.out}\n`);
      });
    });
}

function storeOptions(command: Command): Command {
  return command
    .option('--tenant <slug>', 'the tenant', 'default')
    .option('--db <path>', 'database file or postgres:// URL')
    .option('--audit-key <file>', AUDIT_KEY_HELP);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The report as text: the funnel with one column per group, then each group's commonest detours. */
function formatReport(report: JourneyReport): string {
  const { funnel } = report;
  const groups: [string, FunnelGroup][] = [['all', funnel.all], ['people', funnel.humans], ['agents', funnel.agents]];
  const lines = [
    `${funnel.journey.name} (${funnel.journey.id}), tenant ${report.tenant}${report.since === null ? '' : `, sessions since ${report.since}`}`,
    `${funnel.all.sessions} sessions: ${funnel.humans.sessions} by people, ${funnel.agents.sessions} by agents${report.truncated ? ' (the newest left out: too many events for one report)' : ''}`,
    '',
  ];
  const names = funnel.path.map((s, i) => `${i + 1} ${s.name}`);
  const width = Math.max(12, ...names.map((n) => n.length)) + 2;
  const row = (label: string, cells: string[]) => `${label.padEnd(width)}${cells.map((c) => c.padEnd(22)).join('')}`.trimEnd();
  lines.push('reached (share of sessions), -dropped since the step before (drop-off rate)', row('step', groups.map(([g]) => g)));
  funnel.path.forEach((_, i) => {
    lines.push(row(names[i]!, groups.map(([, g]) => {
      const s = g.steps[i]!;
      return `${s.reached} ${pct(s.share)}  -${s.dropped} ${pct(s.dropRate)}`;
    })));
  });
  lines.push(row('converted', groups.map(([, g]) => `${g.converted} ${pct(g.conversionRate)}`)), '', 'commonest detours (sessions):');
  for (const [name, g] of groups) {
    lines.push(`  ${name}:${g.detours.length === 0 ? ' none' : ''}`);
    for (const d of g.detours) lines.push(`    ${String(d.sessions).padStart(4)}  ${d.after === null ? 'before the first step' : `after ${d.after}`}: ${d.steps.join(' → ')}`);
  }
  return `${lines.join('\n')}\n`;
}
