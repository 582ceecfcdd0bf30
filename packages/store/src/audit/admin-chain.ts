import { StoreError } from '../store-error.js';
import type { AuditKey } from './audit-key.js';
import { GENESIS_HASH, eventHasher, hashEvent, type ChainScheme } from './hash-event.js';
import { headMac } from './head-mac.js';
import { verifyChain, type ChainNouns, type ChainRow } from './verify-chain.js';

/** An admin audit row's stored fields, as the chain hashes them (`details` is the stored JSON text or null). */
export interface AdminChainFields { id: string; tenantId: string | null; at: string; actor: string; action: string; target: string; details: string | null }

/** A tenant's admin chain head as `admin_audit_heads` stores it (absent before the tenant's first row). */
export interface AdminChainHead { seq: number; lastHash: string; scheme: ChainScheme; headMac: string | null }

/** What one admin append writes: the row's place in the chain and the head after it. */
export interface ChainedAdminRow { seq: number; prevHash: string; hash: string; head: AdminChainHead }

/** The heads table's key of a tenant's chain ('' for rows of no tenant). */
export function adminChainKey(tenantId: string | null): string {
  return tenantId ?? '';
}

/** What a tenant's admin chain id starts with; the rest is its `adminChainKey`. */
export const ADMIN_CHAIN_PREFIX = 'admin-audit:';

/**
 * The id the run chain's hasher, head MAC and checkpoints are given for a tenant's admin chain (its head MAC's
 * status slot, `admin-audit`, is no run's status).
 */
export function adminChainId(tenantId: string | null): string {
  return `${ADMIN_CHAIN_PREFIX}${adminChainKey(tenantId)}`;
}

/** Pure; how a report names a tenant's admin log by its `adminChainKey` ('' is the log of no tenant: the store-wide directory's users). */
export function adminLogLabel(tenantKey: string): string {
  return tenantKey === '' ? 'the admin log of no tenant (the store-wide directory)' : `the admin log of tenant ${tenantKey}`;
}

/** A tenant's admin chain: rows, whose length and last hash the log's head records. */
export const ADMIN_CHAIN_NOUNS: ChainNouns = { item: 'row', owner: 'log' };

/** Whether a signed head's id (a checkpoint's, a break's) is a tenant's admin chain rather than a run. */
export function isAdminChainId(id: string): boolean {
  return id.startsWith(ADMIN_CHAIN_PREFIX);
}

/** Pure; the canonical text of a row's fields other than its action and time (which the hasher takes by themselves). */
function canonicalData(row: AdminChainFields): string {
  return JSON.stringify([row.id, row.tenantId, row.actor, row.target, row.details]);
}

/** Pure; the row as the run chain's verifier reads an event: its action as the type, its other fields as the data. */
export function adminChainRow(row: AdminChainFields, seq: number, prevHash: string, hash: string): ChainRow {
  return { seq, type: row.action, at: row.at, dataJson: canonicalData(row), prevHash, hash };
}

/** Pure; the link of `row` at `seq` after `prevHash`, with the run chain's hasher; undefined for a keyed chain without its key. */
export function hashAdminRow(scheme: ChainScheme, secret: Buffer | undefined, prevHash: string, seq: number, row: AdminChainFields): string | undefined {
  return eventHasher(scheme, secret)?.(prevHash, adminChainId(row.tenantId), seq, row.action, row.at, canonicalData(row));
}

/** Pure; the run chain's head MAC over a tenant's admin chain head (its status slot says `admin-audit`, which no run status is). */
export function adminHeadMac(secret: Buffer, tenantId: string | null, seq: number, lastHash: string, scheme: ChainScheme): string {
  return headMac(secret, { runId: adminChainId(tenantId), version: seq, lastHash, status: 'admin-audit', workflowHash: '', scheme });
}

/**
 * Pure; chains `row` onto the tenant's stored head (a new chain is HMAC-SHA256 when there is an audit key, else
 * SHA-256) and computes the new head and its MAC. Throws for a keyed chain without the key: the caller reports it.
 */
export function chainAdminRow(current: AdminChainHead | undefined, row: AdminChainFields, auditKey: AuditKey | undefined): ChainedAdminRow {
  const scheme: ChainScheme = current?.scheme ?? (auditKey === undefined ? 'sha256' : 'hmac-sha256');
  const seq = (current?.seq ?? 0) + 1;
  const prevHash = current?.lastHash ?? GENESIS_HASH;
  const hash = hashAdminRow(scheme, auditKey?.secret, prevHash, seq, row);
  if (hash === undefined) throw new StoreError('audit_key_missing', `the admin audit log of tenant ${adminChainKey(row.tenantId)} has a keyed chain; open the store with its audit key to append`);
  const mac = auditKey === undefined ? null : adminHeadMac(auditKey.secret, row.tenantId, seq, hash, scheme);
  return { seq, prevHash, hash, head: { seq, lastHash: hash, scheme, headMac: mac } };
}

/** An admin row as stored with its place in the chain, for re-keying. */
export interface LinkedAdminRow extends AdminChainFields { seq: number; prevHash: string; hash: string }

/**
 * Pure; what sealing a tenant's chain under the key writes: a plain SHA-256 chain whose links verify as stored
 * is re-linked with HMAC-SHA256 (`relinked`, by row id) so later re-hashing without the key names its row;
 * either way the head gets its MAC. A chain whose links do not verify is left as it is for verify to report.
 */
export function sealAdminChain(tenantKey: string, head: AdminChainHead, rows: readonly LinkedAdminRow[], key: AuditKey): { relinked: LinkedAdminRow[]; head: AdminChainHead } {
  const ordered = [...rows].sort((a, b) => a.seq - b.seq);
  const intact = head.scheme === 'sha256'
    && verifyChain(adminChainId(tenantKey), ordered.map((r) => adminChainRow(r, r.seq, r.prevHash, r.hash)), head.seq, head.lastHash, { hasher: hashEvent, keyed: false, nouns: ADMIN_CHAIN_NOUNS }) === undefined;
  if (!intact) return { relinked: [], head: { ...head, headMac: adminHeadMac(key.secret, tenantKey, head.seq, head.lastHash, head.scheme) } };
  let current: AdminChainHead | undefined;
  const relinked = ordered.map((row) => {
    const chained = chainAdminRow(current, row, key);
    current = chained.head;
    return { ...row, prevHash: chained.prevHash, hash: chained.hash };
  });
  return { relinked, head: current ?? { ...head, headMac: adminHeadMac(key.secret, tenantKey, head.seq, head.lastHash, head.scheme) } };
}
