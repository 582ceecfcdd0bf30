import type { Command } from 'commander';
import type { AuditBreak } from '@sopflow/engine';
import type { StoreAuditReport } from '@sopflow/service';
import type { AdminAuditReport } from '@sopflow/store';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { ExitCode } from '../io/exit-code.js';
import { printJson } from '../output/print-json.js';

/** `sopflow audit verify [RUN]`: recompute every run's hash chain and every tenant's admin log chain; exit 1 and name the first broken link if any. Read-only. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check the audit trail');
  audit
    .command('verify')
    .description('verify every run\'s keyed hash chain, head, projections, pinned workflows and the latest signed checkpoint, and every tenant\'s admin audit chain (or one run)')
    .argument('[run]', 'run id')
    .option('--db <path>', 'database file (read, never created)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--json', 'print the report as JSON')
    .action(async (runId: string | undefined, opts: { db?: string; json?: boolean }) => {
      const session = await openEngine({ readonly: true, ...storeOptionsOf(opts) });
      try {
        const { verifyAudit } = await import('@sopflow/service');
        const { isAdminChainId } = await import('@sopflow/store');
        const report = await engineCall(() => verifyAudit(session, runId));
        // A keyed store read without its key can only be checked as plain SHA-256 chains, which anyone could have recomputed.
        const keyMissing = !report.keyed && report.keyId !== undefined;
        if (opts.json === true) printJson(report, 2);
        else {
          for (const b of report.breaks) process.stdout.write(`BROKEN ${brokenChain(b, isAdminChainId)} (${b.problem}): ${b.message}\n`);
          // The message names the tenant and the row (seq and id) itself.
          for (const b of report.adminLog?.breaks ?? []) process.stdout.write(`BROKEN admin log (${b.problem}): ${b.message}\n`);
          if (report.ok && !keyMissing) {
            const admin = report.adminLog === undefined ? '' : `, ${describeAdminLogs(report.adminLog)}`;
            process.stdout.write(`audit ok: ${report.runsChecked} run(s), ${report.eventsChecked} event(s)${admin} in ${session.dbPath}, every chain intact\n`);
          }
          process.stdout.write(`${describeKeying(report)}\n`);
        }
        if (!report.ok || keyMissing) process.exitCode = ExitCode.failed;
      } finally {
        await session.close();
      }
    });
}

/** What a break is about: the checkpoints themselves, a tenant's admin log (a head the checkpoints signed), or a run. */
function brokenChain(b: AuditBreak, isAdminChainId: (id: string) => boolean): string {
  if (b.runId === '') return 'checkpoints';
  if (isAdminChainId(b.runId)) return 'admin log';
  return `run ${b.runId}${b.seq > 0 ? ` at event ${b.seq}` : ''}`;
}

/** Pure; the admin logs checked: rows, of how many tenants and whether of the store-wide directory's log (which is no tenant's). */
function describeAdminLogs(log: AdminAuditReport): string {
  const whose = [...(log.tenantsChecked > 0 ? [`${log.tenantsChecked} tenant(s)`] : []), ...(log.directoryLogChecked ? ['the store-wide directory log'] : [])];
  return `${log.rowsChecked} admin log row(s)${whose.length === 0 ? '' : ` of ${whose.join(' and ')}`}`;
}

/** One line on what the check could rely on: the key's MACs and the latest checkpoint, or why not. */
function describeKeying(report: StoreAuditReport): string {
  if (!report.keyed && report.keyId !== undefined) {
    return `not verified: this store is keyed (key ${report.keyId}) but its audit key was not found (--audit-key FILE or SOPFLOW_AUDIT_KEY_FILE); without it a re-hashed chain cannot be told from a real one`;
  }
  if (!report.keyed) return 'unkeyed store: chains are plain SHA-256, which anyone with write access could recompute (a writing command keys the store)';
  const checkpoint = report.checkpoint === undefined ? 'no checkpoint yet' : `checkpoint ${report.checkpoint.seq} of ${report.checkpoint.at} (${report.checkpoint.runCount} run(s)${(report.checkpoint.adminLogCount ?? 0) > 0 ? `, ${report.checkpoint.adminLogCount} admin log(s)` : ''}) ${report.checkpoint.ok ? 'holds' : 'BROKEN'}`;
  const weaker = report.unkeyedRuns.length === 0 ? '' : `; ${report.unkeyedRuns.length} run(s) written before keying are plain SHA-256`;
  const adminWeaker = (report.adminLog?.unkeyedTenants.length ?? 0) === 0 ? ''
    : `; ${report.adminLog!.unkeyedTenants.length} admin log(s) keep plain SHA-256 links (chained without the key, not re-keyed)`;
  return `keyed with ${report.keyId}: every link and head MAC checked; ${checkpoint}${weaker}${adminWeaker}`;
}
