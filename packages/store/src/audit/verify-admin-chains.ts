import type { AuditBreak } from '@sopflow/engine';
import type { AuditKey } from './audit-key.js';
import { ADMIN_CHAIN_NOUNS, adminChainId, adminChainKey, adminChainRow, adminHeadMac, adminLogLabel, type AdminChainFields, type AdminChainHead } from './admin-chain.js';
import { eventHasher } from './hash-event.js';
import type { CheckpointRecord } from './sign-checkpoint.js';
import { verifyChain } from './verify-chain.js';
import { verifyCheckpoints, type CheckpointReads } from './verify-checkpoints.js';

/** An admin audit row as stored, with its place in the tenant's chain (null for a row no append chained). */
export interface StoredAdminRow extends AdminChainFields { seq: number | null; prevHash: string | null; hash: string | null }

/** The admin log as one snapshot read it: rows (every tenant's, or one's) and heads by `adminChainKey`. */
export interface AdminLogSnapshot { rows: readonly StoredAdminRow[]; heads: ReadonlyMap<string, AdminChainHead> }

/** One problem in a tenant's admin log: the tenant, the row (its seq, and id when the row is there) and what is wrong. */
export interface AdminAuditBreak {
  tenantId: string;
  /** The first affected row's seq; 0 when the problem is the head's. */
  seq: number;
  rowId?: string;
  problem: AuditBreak['problem'];
  message: string;
}

/** The admin logs' verdict, beside the runs' report. */
export interface AdminAuditReport {
  ok: boolean;
  /** Tenants whose logs were checked (the log of no tenant is not one of them). */
  tenantsChecked: number;
  /** Whether the log of no tenant (the store-wide directory's users) was checked too. */
  directoryLogChecked: boolean;
  rowsChecked: number;
  /** Logs (by `adminChainKey`, '' for the directory's) whose links are plain SHA-256 (chained before the store was keyed, or at the upgrade that chained existing rows). */
  unkeyedTenants: string[];
  breaks: AdminAuditBreak[];
}

/**
 * Pure; checks every tenant's admin chain: the rows (by seq) link from the genesis to the head, each
 * link recomputes (HMAC under the key for a keyed chain), the head's seq and last hash match the rows,
 * and with the key the head's MAC. A row with no place in the chain, or a chain with no head, is reported.
 * `key` undefined: MACs and keyed links are not checked (links and order still are).
 */
export function verifyAdminChains(rows: readonly StoredAdminRow[], heads: ReadonlyMap<string, AdminChainHead>, key: AuditKey | undefined): AdminAuditReport {
  const byTenant = new Map<string, StoredAdminRow[]>();
  for (const row of rows) {
    const tenant = adminChainKey(row.tenantId);
    const chain = byTenant.get(tenant);
    if (chain === undefined) byTenant.set(tenant, [row]);
    else chain.push(row);
  }
  for (const tenant of heads.keys()) if (!byTenant.has(tenant)) byTenant.set(tenant, []);
  const report: AdminAuditReport = { ok: true, tenantsChecked: 0, directoryLogChecked: byTenant.has(''), rowsChecked: rows.length, unkeyedTenants: [], breaks: [] };
  for (const [tenant, chain] of [...byTenant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (tenant !== '') report.tenantsChecked += 1;
    const problem = verifyTenant(tenant, chain, heads.get(tenant), key);
    if (problem !== undefined) report.breaks.push(problem);
    if (heads.get(tenant)?.scheme === 'sha256') report.unkeyedTenants.push(tenant);
  }
  report.ok = report.breaks.length === 0;
  return report;
}

function verifyTenant(tenant: string, rows: readonly StoredAdminRow[], head: AdminChainHead | undefined, key: AuditKey | undefined): AdminAuditBreak | undefined {
  const label = adminLogLabel(tenant);
  const unchained = rows.find((r) => r.seq === null || r.hash === null || r.prevHash === null);
  if (unchained !== undefined) {
    return { tenantId: tenant, seq: 0, rowId: unchained.id, problem: 'inserted', message: `${label}: row ${unchained.id} (${unchained.action}) is not in the chain: it was written straight into the table, around the log` };
  }
  if (head === undefined) return { tenantId: tenant, seq: 0, problem: 'head', message: `${label} has rows but no chain head: the head was deleted` };
  const ordered = [...rows].sort((a, b) => Number(a.seq) - Number(b.seq));
  const chained = ordered.map((r) => adminChainRow(r, Number(r.seq), r.prevHash!, r.hash!));
  const hasher = eventHasher(head.scheme, key?.secret) ?? null;
  const broken = verifyChain(adminChainId(tenant), chained, head.seq, head.lastHash, { hasher, keyed: head.scheme === 'hmac-sha256', nouns: ADMIN_CHAIN_NOUNS });
  if (broken !== undefined) {
    const row = ordered.find((r) => r.seq === broken.seq);
    return { tenantId: tenant, seq: broken.seq, ...(row === undefined ? {} : { rowId: row.id }), problem: broken.problem, message: `${label}: ${broken.message}${row === undefined ? '' : ` [row id ${row.id}]`}` };
  }
  if (key === undefined) return undefined;
  if (head.headMac === null) return { tenantId: tenant, seq: 0, problem: 'head', message: `${label} has no head MAC although the store is keyed: its head was written or replaced without the key` };
  if (adminHeadMac(key.secret, tenant, head.seq, head.lastHash, head.scheme) !== head.headMac) {
    return { tenantId: tenant, seq: 0, problem: 'head', message: `${label}: the head (${head.seq} rows, last hash) does not match its MAC: the log was rewritten or cut without the key` };
  }
  return undefined;
}

/** Pure; what checking checkpoints reads of the admin log in `snapshot`: each head under its checkpoint id (`adminChainId`), and one row's stored hash. */
export function adminCheckpointReads(snapshot: AdminLogSnapshot): { heads: { id: string; version: number }[]; hashAt: CheckpointReads['hashAt'] } {
  const hashes = new Map(snapshot.rows.filter((r) => r.seq !== null).map((r) => [`${adminChainId(r.tenantId)}\n${r.seq}`, r.hash ?? undefined]));
  const heads = [...snapshot.heads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([tenant, head]) => ({ id: adminChainId(tenant), version: head.seq }));
  return { heads, hashAt: (id, seq) => hashes.get(`${id}\n${seq}`) };
}

/**
 * Pure; one tenant's admin log checked in full: its chain (as `verifyAdminChains`) and its head against every signed
 * checkpoint that holds it, so a rollback to an older, consistent copy of the log is reported; the checkpoints' own
 * links and MACs are checked too (an edited checkpoint could otherwise vouch for the rolled-back head).
 * `snapshot` holds that tenant's rows and head only.
 */
export function verifyAdminLogAgainstCheckpoints(tenantKey: string, snapshot: AdminLogSnapshot, checkpoints: readonly CheckpointRecord[], key: AuditKey | undefined): AdminAuditReport {
  const report = verifyAdminChains(snapshot.rows, snapshot.heads, key);
  const { heads, hashAt } = adminCheckpointReads(snapshot);
  const signed = verifyCheckpoints({ runs: () => heads, hashAt }, checkpoints, key, adminChainId(tenantKey));
  const breaks = [...report.breaks, ...(signed?.breaks ?? []).map((b): AdminAuditBreak => ({ tenantId: tenantKey, seq: b.seq, problem: b.problem, message: b.message }))];
  return { ...report, ok: breaks.length === 0, breaks };
}
