import type { Command } from 'commander';
import { currentActor } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { parseData } from '../engine/parse-data.js';
import { CliError } from '../io/exit-code.js';

interface ApproveOptions { reason?: string; data?: string; onBehalfOf?: string; db?: string }

/**
 * `sopflow approve ID [--data JSON]` and `sopflow deny ID --reason R`: answer an approval,
 * authorisation or review task as your directory user. On a review of an agent's proposal,
 * approve accepts it, approve --data corrects it, deny rejects it.
 */
export function registerApproveCommands(program: Command): void {
  for (const verb of ['approve', 'deny'] as const) {
    const command = program
      .command(verb)
      .description(verb === 'approve'
        ? 'approve an approval, authorisation or review task (a review: accept the agent\'s proposal, or correct it with --data)'
        : 'deny an approval, authorisation or review task (needs --reason; a review: reject the proposal)')
      .argument('<id>', 'task id')
      .option('--reason <text>', 'why');
    if (verb === 'approve') command.option('--data <json>', 'a review: the corrected output as JSON, or @file, instead of the agent\'s proposal');
    command
      .option('--on-behalf-of <user>', 'admins only: enter the decision for this directory user (recorded as entered by you for them)')
      .option('--db <path>', 'database file')
      .option('--audit-key <file>', AUDIT_KEY_HELP)
      .action(async (id: string, opts: ApproveOptions) => {
        if (verb === 'deny' && (opts.reason === undefined || opts.reason.trim() === '')) throw new CliError('deny needs --reason');
        const data = parseData(opts.data);
        const session = await openEngine(storeOptionsOf(opts));
        try {
          const actor = await currentActor(session);
          const { completeTask } = await import('@sopflow/service');
          const done = await engineCall(() => completeTask({ ...session, actor }, id, {
            decision: verb === 'approve' ? 'approved' : 'denied', ...(data === undefined ? {} : { data }),
            ...(opts.reason === undefined ? {} : { reason: opts.reason }), ...(opts.onBehalfOf === undefined ? {} : { onBehalfOf: opts.onBehalfOf }),
          }));
          const who = done.entered_by === null ? '' : ` (entered by ${done.entered_by} for ${done.by})`;
          process.stdout.write(`task ${id} ${verb === 'approve' ? 'approved' : 'denied'}${who}; run ${done.run} is ${done.status}\n`);
        } finally {
          await session.close();
        }
      });
  }
}
