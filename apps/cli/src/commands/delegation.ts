import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { DelegationPolicy, Portfolio, StepReadiness } from '@sopflow/analysis';
import type { Actor, DelegationDecision, RecordsContext } from '@sopflow/service';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';
import { readTextFile } from '@sopflow/service/read-text-file';
import { currentActor, currentOsUser } from '../engine/current-actor.js';
import { databasePath, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { printJson } from '../output/print-json.js';

interface PolicyOpts {
  trials?: string;
  minTrials?: string;
  threshold?: string;
  approvalThreshold?: string;
  window?: string;
  allowJurisdiction?: string[];
}

interface DelegationOpts extends EventLogOptions, StoreOptions, PolicyOpts {
  costPerHour?: string;
  json?: boolean;
}

interface ChangeOpts extends EventLogOptions, StoreOptions, PolicyOpts {
  reason?: string;
  records?: string[];
  to?: string;
  override?: boolean;
  json?: boolean;
}

/**
 * `sopflow delegation PROCESS RECORDS...`: each step's delegation evidence (trials, reviews, 95 %
 * intervals, caps, the next rung and what is missing) and the opportunities of the delegatable steps
 * (the service's `delegationReadiness`); `sopflow delegation promote|demote PROCESS STEP --reason R`:
 * a new draft version with the step's new state and the decision with its evidence (`proposeDelegationChange`).
 */
export function registerDelegationCommand(program: Command): void {
  const command = program
    .command('delegation')
    .description('delegation on evidence: readiness per step, the ranked opportunities, and promote/demote proposals')
    .argument('<process>', 'the process (.osop)')
    .argument('<records...>', '.osoplog files or directories, one XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .option('--cost-per-hour <n>', 'loaded cost of a person\'s hour (default 50)')
    .option('--json', 'print the evidence and the opportunities as JSON');
  addPolicyOptions(addStoreOption(addEventLogOptions(command))).action(async (processPath: string, recordPaths: string[], opts: DelegationOpts) => {
    const costPerHour = opts.costPerHour === undefined ? undefined : Number(opts.costPerHour);
    const { workflow } = loadWorkflowFile(processPath);
    const sources = await recordSources(recordPaths);
    const { delegationReadiness } = await import('@sopflow/service');
    const result = await withRecordsContext(sources, opts, (ctx) => delegationReadiness(ctx, {
      workflow, sources, eventLog: eventLogOptionsOf(opts), policy: policyOf(opts), ...trialsOf(opts),
      ...(costPerHour === undefined ? {} : { costPerHour }),
    }));
    if (opts.json) {
      printJson(result, 2);
      return;
    }
    printReadiness(result.workflow, result.history.note, result.steps, result.portfolio);
  });
  for (const direction of ['promote', 'demote'] as const) {
    const change = command
      .command(direction)
      .description(direction === 'promote'
        ? 'propose the next rung for a step: a new draft version and the decision with its evidence (refused without evidence unless an admin uses --override)'
        : 'propose moving a step down: a new draft version and the decision with its evidence (refused without evidence unless an admin uses --override)')
      .argument('<process>', 'the process (.osop); the draft is written next to it as NAME.vX.Y.Z.osop')
      .argument('<step>', 'the step id')
      .requiredOption('--reason <text>', 'why (recorded with the decision)')
      .option('--records <sources...>', 'the evidence: .osoplog files or directories, an event log, or runs: / runs:WORKFLOW_ID')
      .option('--override', 'propose without the evidence (an admin of the store\'s directory only; recorded as an override)')
      .option('--json', 'print the recorded decision as JSON');
    if (direction === 'demote') change.option('--to <state>', 'the rung to go back to (default one down, or what the evidence says)');
    addPolicyOptions(addStoreOption(addEventLogOptions(change))).action(async (processPath: string, step: string, opts: ChangeOpts) => {
      const sources = await recordSources(opts.records ?? []);
      const { proposeDelegationChange } = await import('@sopflow/service');
      const decision = await withActor(sources, opts, (ctx) => proposeDelegationChange(ctx, {
        processPath, nodeId: step, direction, reason: opts.reason ?? '', sources, eventLog: eventLogOptionsOf(opts), policy: policyOf(opts), ...trialsOf(opts),
        override: opts.override === true, osUser: currentOsUser(), ...(opts.to === undefined ? {} : { to: opts.to as DelegationDecision['to'] }),
      }));
      if (opts.json) {
        printJson(decision, 2);
        return;
      }
      printDecision(decision);
    });
  }
}

function addPolicyOptions(command: Command): Command {
  return command
    .option('--trials <file>', 'JSON list of trials stated outside the records: [{"nodeId": "...", "agreed": true}, ...]')
    .option('--min-trials <n>', 'shadow trials before trialing → agent_supervised (default 30)')
    .option('--threshold <x>', 'the 95 % lower bound of agreement a step must reach (default 0.90)')
    .option('--approval-threshold <x>', 'the lower bound of the approval rate before agent_supervised → agent_autonomous (default 0.95)')
    .option('--window <n>', 'most recent executions the demotion check looks at (default 50)')
    .option('--allow-jurisdiction <name...>', 'jurisdictions under which agents may be trialled (any other declared one caps every step)');
}

function policyOf(opts: PolicyOpts): Partial<DelegationPolicy> {
  const number = (name: string, value: string | undefined) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new CliError(`${name} must be a number, not "${value}"`, ExitCode.usage);
    return n;
  };
  const policy: Partial<DelegationPolicy> = {
    minTrials: number('--min-trials', opts.minTrials), threshold: number('--threshold', opts.threshold),
    approvalThreshold: number('--approval-threshold', opts.approvalThreshold), window: number('--window', opts.window),
    ...(opts.allowJurisdiction === undefined ? {} : { allowedJurisdictions: opts.allowJurisdiction }),
  };
  if (policy.minTrials !== undefined) policy.minSupervised = policy.minTrials;
  return Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined));
}

function trialsOf(opts: PolicyOpts): { trials?: { name: string; text: string } } {
  if (opts.trials === undefined) return {};
  const source = readTextFile(opts.trials);
  if (source.text === undefined) {
    const missing = source.diagnostics.some((d) => d.code === 'file-not-found');
    throw new CliError(source.diagnostics[0]?.message ?? `cannot read ${opts.trials}`, missing ? ExitCode.usage : ExitCode.failed, { code: source.diagnostics[0]?.code ?? 'unreadable', file: opts.trials });
  }
  return { trials: { name: opts.trials, text: source.text } };
}

/** Runs the change with the directory user this OS account maps to when a store is there (an override needs one). */
async function withActor<T>(sources: Parameters<typeof withRecordsContext>[0], opts: StoreOptions, work: (ctx: RecordsContext & { actor?: Actor }) => Promise<T>): Promise<T> {
  const hasStore = opts.db !== undefined || (process.env.SOPFLOW_DB ?? '') !== '' || existsSync(databasePath(undefined));
  if (!hasStore) return withRecordsContext(sources, opts, (ctx) => work(ctx));
  const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
  try {
    const actor = await currentActor(session);
    return await engineCall(() => work({ store: session.store, engine: session.engine, storeName: session.dbPath, actor }));
  } finally {
    await session.close();
  }
}

function printReadiness(workflowId: string, history: string, steps: readonly StepReadiness[], portfolio: Portfolio): void {
  const out: string[] = [`DELEGATION ${workflowId} (${history})`, ''];
  for (const r of steps) {
    const state = r.state === undefined ? r.scope : r.suggestedState === r.state ? r.state : `${r.state} → ${r.suggestedState}`;
    out.push(`${r.nodeId}: ${state} (${r.executions} execution${r.executions === 1 ? '' : 's'})`);
    for (const line of r.summary) out.push(`  ${line}`);
  }
  out.push('', `OPPORTUNITIES (expected value per month; total ${portfolio.totalValue.toFixed(2)})`);
  for (const item of portfolio.items) {
    const value = item.monthlyValue === undefined ? item.history.note : `${item.monthlyValue.toFixed(2)} per month (${item.potentialMonthlyValue?.toFixed(2)} if every execution were delegated)`;
    out.push(`#${item.rank} ${item.nodeId}: ${value}`);
    for (const [name, a] of Object.entries(item.assumptions)) out.push(`  ${name} = ${+a.value.toFixed(4)} ${a.unit} (${a.source}: ${a.note})`);
  }
  for (const e of portfolio.excluded) out.push(`not ranked: ${e.nodeId}: ${e.reason}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

function printDecision(d: DelegationDecision): void {
  const out = [
    `proposed: ${d.nodeId} ${d.from} → ${d.to}${d.override ? ' (ADMIN OVERRIDE of the evidence)' : ''}`,
    `draft: ${d.draft} (version ${d.toVersion}${d.fromVersion === undefined ? '' : `, from ${d.fromVersion}`}); a person approves it by publishing the draft`,
    `by: ${d.by}${d.byVerified ? '' : ' (OS account; no directory open)'}`,
    `reason: ${d.reason}`,
    'evidence:', ...d.evidence.summary.map((l) => `  ${l}`),
    ...d.notes.map((n) => `note: ${n}`),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
