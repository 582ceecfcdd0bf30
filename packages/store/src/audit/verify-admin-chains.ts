import type { AuditBreak } from '@sopflow/engine';
import type { AuditKey } from './audit-key.js';
import { adminChainId, adminChainKey, adminChainRow, adminHeadMac, adminLogLabel, type AdminChainFields, type AdminChainHead } from './admin-chain.js';
import { eventHasher } from './hash-event.js';
import { verifyChain } from './verify-chain.js';

/** An admin audit row as stored, with its place in the tenant's chain (null for a row no append chained). */
export interface StoredAdminRow extends AdminChainFields { seq: number | null; prevHash: string | null; hash: string | null }

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
  tenantsChecked: number;
  rowsChecked: number;
  /** Tenants whose links are plain SHA-256 (chained before the store was keyed, or at the upgrade that chained existing rows). */
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
  const report: AdminAuditReport = { ok: true, tenantsChecked: 0, rowsChecked: rows.length, unkeyedTenants: [], breaks: [] };
  for (const [tenant, chain] of [...byTenant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    report.tenantsChecked += 1;
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
  const broken = verifyChain(adminChainId(tenant), chained, head.seq, head.lastHash, hasher, head.scheme === 'hmac-sha256');
  if (broken !== undefined) {
    const row = ordered.find((r) => r.seq === broken.seq);
    const message = broken.message.replace(/\bevent(s?)\b/g, 'row$1').replace(/\bthe run(?:'s)? /g, (m) => m.replace('run', 'head'));
    return { tenantId: tenant, seq: broken.seq, ...(row === undefined ? {} : { rowId: row.id }), problem: broken.problem, message: `${label}: ${message}${row === undefined ? '' : ` [row id ${row.id}]`}` };
  }
  if (key === undefined) return undefined;
  if (head.headMac === null) return { tenantId: tenant, seq: 0, problem: 'head', message: `${label} has no head MAC although the store is keyed: its head was written or replaced without the key` };
  if (adminHeadMac(key.secret, tenant, head.seq, head.lastHash, head.scheme) !== head.headMac) {
    return { tenantId: tenant, seq: 0, problem: 'head', message: `${label}: the head (${head.seq} rows, last hash) does not match its MAC: the log was rewritten or cut without the key` };
  }
  return undefined;
}
