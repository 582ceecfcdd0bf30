import type { TaskRow } from '@sopflow/engine';
import type { AdminAuditReport } from '../audit/verify-admin-chains.js';
import type { DocumentRecords } from './document-records.js';
import type { HubRecords } from './hub-records.js';
import type { JourneyRecords } from './journey-records.js';
import type { LearningRecords } from './learning-records.js';
import type { LoginFailureRecords } from './login-failure-records.js';
import type { TrialRecords } from './trial-records.js';

/**
 * The Process OS records a store keeps beside its runs, as small ports grouped by concept. Every
 * read and write of a tenant's object takes the tenant id: another tenant's object is simply not
 * there (undefined / false), which the service reports as `not_found`. Rows are plain data.
 */
export interface ProcessRecords {
  tenants: TenantRecords;
  accounts: AccountRecords;
  sops: SopRecords;
  runs: SopRunRecords;
  routines: RoutineRecords;
  audit: AdminAuditRecords;
  documents: DocumentRecords;
  journeys: JourneyRecords;
  hub: HubRecords;
  learning: LearningRecords;
  trials: TrialRecords;
  loginFailures: LoginFailureRecords;
}

/** A store that keeps Process OS records (SQLite and PostgreSQL do; the memory store does not). */
export interface ProcessOsAccess {
  readonly processRecords: ProcessRecords;
}

export interface TenantRow { id: string; slug: string; name: string; createdAt: string }
export interface AccountFields { tenantId: string; email: string; passwordHash: string | null }
export interface TokenRow {
  id: string; tenantId: string; userName: string; scope: string; tokenHash: string; createdAt: string; revokedAt: string | null; lastUsedAt: string | null;
}
export interface SessionRow { idHash: string; tenantId: string; userName: string; csrfToken: string; createdAt: string; expiresAt: string }
export interface WorkstreamRow { id: string; tenantId: string; name: string; createdAt: string }
export interface SopRow {
  id: string; tenantId: string; workstreamId: string | null; workflowId: string; title: string; description: string | null; status: string;
  allowOverlap: boolean; currentVersionId: string; createdBy: string; createdAt: string; updatedAt: string;
  /** In the tenant's public `.sop` collection (discovery) while active; false unless someone marked it. */
  isPublic: boolean;
}
export interface SopVersionRow {
  id: string; tenantId: string; sopId: string; semver: string; contentHash: string; text: string; certification: string;
  approvedBy: string | null; approvedAt: string | null; createdBy: string; createdAt: string;
}
export interface SopRunRow { runId: string; tenantId: string; sopId: string; versionId: string; startedBy: string; trigger: string; createdAt: string }
/** A linked run with its status and times from the run store; `starting` (times from the link) while the engine has not recorded it yet. */
export interface SopRunWithStatus extends SopRunRow { status: string; startedAt: string; endedAt: string | null }
export interface RoutineRow {
  sopId: string; tenantId: string; schedule: string; timezone: string; enabled: boolean; overlap: string; nextFireAt: string | null;
  lastFiredAt: string | null; updatedAt: string;
  /** The inputs each fire starts its run with (migration 0017; `{}` before). */
  inputs: Record<string, unknown>;
}
export interface RoutineFireRow {
  id: string; tenantId: string; sopId: string; scheduledFor: string; at: string; runId: string | null; outcome: string;
  /** Why a `failed` fire failed (migration 0016); null otherwise. */
  message: string | null;
}
/** A routine of the tenant's list: its SOP's title and status beside it, and its newest fire (null before the first). */
export interface TenantRoutineRow extends RoutineRow { sopTitle: string; sopStatus: string; lastFire: RoutineFireRow | null }
export interface AdminAuditRow { id: string; tenantId: string | null; at: string; actor: string; action: string; target: string; details: unknown }

export interface TenantRecords {
  insert(row: TenantRow): Promise<void>;
  /** By id or slug. */
  find(idOrSlug: string): Promise<TenantRow | undefined>;
  list(): Promise<TenantRow[]>;
}

export interface AccountRecords {
  /** Sets the account fields of an existing directory user (name = email). */
  setAccount(userName: string, fields: AccountFields): Promise<void>;
  /** The account of a tenant by email: the directory user's name and password hash. */
  findAccount(tenantId: string, email: string): Promise<{ userName: string; passwordHash: string | null } | undefined>;
  /** The email's account in whichever tenant holds it (login by email). */
  findAccountByEmail(email: string): Promise<{ userName: string; tenantId: string; passwordHash: string | null } | undefined>;
  /** The tenant a directory user belongs to (undefined for users of no tenant). */
  tenantOf(userName: string): Promise<string | undefined>;
  insertToken(row: TokenRow): Promise<void>;
  findTokenByHash(tokenHash: string): Promise<TokenRow | undefined>;
  findToken(id: string): Promise<TokenRow | undefined>;
  /** Marks the token revoked (first revocation wins); false when no such token. */
  revokeToken(id: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;
  insertSession(row: SessionRow): Promise<void>;
  findSession(idHash: string): Promise<SessionRow | undefined>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes every session (of any tenant) that expired at or before `now` in one statement, moving the credentials version once if any went; how many went. */
  deleteExpiredSessions(now: string): Promise<number>;
  /** The tenant's account users (email, roles), by email. */
  listAccounts(tenantId: string): Promise<{ userName: string; email: string; roles: string[]; hasPassword: boolean; createdAt: string }[]>;
  /** The tenant's tokens (never their hashes' secrets), oldest first. */
  listTokens(tenantId: string): Promise<TokenRow[]>;
}

/** Which of a tenant's SOPs a listing takes (every one when empty); `q`: words in the title or workflow id, case-insensitive. */
export interface SopFilter { status?: string; workstreamId?: string; q?: string; isPublic?: boolean }
export interface SopListQuery extends SopFilter { limit: number; afterId?: string }
/** A listing's first page with the size of the whole listing and where each later page starts. */
export interface SopFirstPage { rows: SopRow[]; total: number; ends: string[] }

export interface SopRecords {
  insertWorkstream(row: WorkstreamRow): Promise<void>;
  findWorkstream(tenantId: string, id: string): Promise<WorkstreamRow | undefined>;
  listWorkstreams(tenantId: string): Promise<WorkstreamRow[]>;
  /** Inserts the SOP and its first version. */
  insertSop(sop: SopRow, version: SopVersionRow): Promise<void>;
  find(tenantId: string, id: string): Promise<SopRow | undefined>;
  /** SOPs ordered by id (ids sort by creation), after `afterId`, at most `limit`. */
  list(tenantId: string, query: SopListQuery): Promise<SopRow[]>;
  /**
   * The filter's first page of `limit` SOPs in id order, how many SOPs it takes (`total`) and the id ending every full
   * page of that size but the last SOP (each the `afterId` of the page after it), in one query: a window over the ids.
   */
  firstPage(tenantId: string, filter: SopFilter, limit: number): Promise<SopFirstPage>;
  /**
   * Moves the SOP's updated_at from `expected` to `at` only if no one else has: the compare-and-set
   * that lets exactly one of several concurrent run starts of an SOP without overlap go ahead.
   */
  claimRunSlot(tenantId: string, id: string, expected: string, at: string): Promise<boolean>;
  /** Marks the SOP public or not (and updated_at); false when the tenant has no such SOP. */
  setPublic(tenantId: string, id: string, isPublic: boolean, at: string): Promise<boolean>;
  /** Changes the status (and updated_at) only if it is still `from`; false otherwise. */
  setStatus(tenantId: string, id: string, from: string, to: string, at: string): Promise<boolean>;
  findVersion(tenantId: string, id: string): Promise<SopVersionRow | undefined>;
  /** Several versions of the tenant in one query (a page of the library), in no particular order. */
  findVersions(tenantId: string, ids: readonly string[]): Promise<SopVersionRow[]>;
  approveVersion(tenantId: string, id: string, by: string, at: string, certification: string): Promise<void>;
  /** The SOP's versions, oldest first. */
  listVersions(tenantId: string, sopId: string): Promise<SopVersionRow[]>;
  insertVersion(row: SopVersionRow): Promise<void>;
  /** Replaces a version's text only while it is unapproved (a draft); false otherwise. */
  updateDraftVersion(tenantId: string, id: string, fields: { text: string; contentHash: string; semver: string }): Promise<boolean>;
  /**
   * Points the SOP at a version and sets its status, title and description, only if its status is
   * still one of `from`; false otherwise (a compare-and-set against concurrent changes).
   */
  setCurrent(tenantId: string, id: string, from: readonly string[], fields: { versionId: string; status: string; title: string; description: string | null }, at: string): Promise<boolean>;
}

export interface SopRunRecords {
  insert(row: SopRunRow): Promise<void>;
  remove(runId: string): Promise<void>;
  find(tenantId: string, runId: string): Promise<SopRunRow | undefined>;
  /** The SOP's runs, newest first, with their status (`starting` for a link whose run is not recorded yet). */
  listForSop(tenantId: string, sopId: string, limit: number): Promise<SopRunWithStatus[]>;
  /** The newest run of each of these SOPs (none for an SOP without runs), in one query; in no particular order. */
  latestForSops(tenantId: string, sopIds: readonly string[]): Promise<SopRunWithStatus[]>;
  /** Tasks of the tenant's runs (optionally only one status), oldest first. */
  listTasks(tenantId: string, status?: string): Promise<TaskRow[]>;
  /** The tenant's runs, newest first (created_at, run_id), optionally one status or SOP, before a cursor. */
  list(tenantId: string, query: SopRunListQuery): Promise<SopRunWithStatus[]>;
  /**
   * Across tenants: each linked run that is in flight or ended at or after `endedSince`, with its
   * version (its last event's seq) — what one change feed per server polls.
   */
  heads(endedSince: string): Promise<RunHeadRow[]>;
}

export interface SopRunListQuery { status?: string; sopId?: string; limit: number; before?: { createdAt: string; runId: string } }
export interface RunHeadRow { runId: string; tenantId: string; sopId: string; version: number; status: string }

export interface RoutineRecords {
  upsert(row: RoutineRow): Promise<void>;
  find(tenantId: string, sopId: string): Promise<RoutineRow | undefined>;
  /** Enabled routines whose next fire time has come, across tenants (the scheduler). */
  due(now: string): Promise<RoutineRow[]>;
  /** Moves next_fire_at from `expected` to `next` only if no one else has: true for the one caller that fires. */
  claimFire(sopId: string, expected: string, next: string | null, at: string): Promise<boolean>;
  recordFire(row: RoutineFireRow): Promise<void>;
  listFires(tenantId: string, sopId: string): Promise<RoutineFireRow[]>;
  /** Every routine of the tenant with its SOP's title and status and its newest fire, by SOP id (two queries). */
  listForTenant(tenantId: string): Promise<TenantRoutineRow[]>;
}

export interface AdminAuditRecords {
  /** Appends the row to its tenant's chain (serialised per tenant; throws `audit_key_missing` for a keyed chain without the key). */
  record(row: AdminAuditRow): Promise<void>;
  list(tenantId: string): Promise<AdminAuditRow[]>;
  /** The tenant's rows of one action (optionally one target), oldest first. */
  find(tenantId: string, action: string, target?: string): Promise<AdminAuditRow[]>;
  /**
   * One tenant's chain checked in one snapshot (links, order, head; with the key, keyed links and head MACs) and its head
   * against the signed checkpoints (and their links and MACs), reading no other tenant's rows. Reads only. Every
   * tenant's log is the whole-store `verifyAuditChain()`'s `adminLog`.
   */
  verify(tenantId: string): Promise<AdminAuditReport>;
  /** The rows every tenant's chain holds (the sum of the heads' seq): a session compares it to tell whether it recorded an admin act. */
  chainedCount(): Promise<number>;
}
