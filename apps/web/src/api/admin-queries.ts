import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Workstream } from './api-types';
import { useApi } from './api-context';
import { keys } from './queries';
import type { AccountUser, ApiToken, AuditEntry } from './learning-types';

export const adminKeys = {
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  audit: ['admin', 'audit'] as const,
  // Not under `audit`: a change refreshes the log but leaves the last verdict until Verify is pressed again.
  auditVerify: ['admin', 'audit-verify'] as const,
  routines: ['routines'] as const,
};

/** True for the account roles that may administer the tenant (owner, admin). */
export function isAdministrator(accountRoles: readonly string[] | undefined): boolean {
  return accountRoles !== undefined && (accountRoles.includes('owner') || accountRoles.includes('admin'));
}

export function useAccountUsers() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.users, queryFn: async () => (await api.get<{ users: AccountUser[] }>('/api/admin/users')).users });
}

export function useTokens() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.tokens, queryFn: async () => (await api.get<{ tokens: ApiToken[] }>('/api/admin/tokens')).tokens });
}

/** The tenant's administrative audit log, newest first. */
export function useAuditLog() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.audit, queryFn: async () => (await api.get<{ entries: AuditEntry[] }>('/api/admin/audit')).entries.slice().reverse() });
}

/** One broken place in the tenant's admin log: the row's seq (0: the head) and id, the kind of break and the server's words. */
export interface AdminLogBreak { seq: number; rowId: string | null; problem: string; message: string }

/** The server's check of the tenant's admin log (`GET /api/admin/audit/verify`). */
export interface AdminLogVerdict { ok: boolean; rowsChecked: number; breaks: AdminLogBreak[] }

/** The tenant's admin log checked on demand: nothing is fetched until `refetch()` (the Verify button). */
export function useAuditVerdict() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.auditVerify, queryFn: () => api.get<AdminLogVerdict>('/api/admin/audit/verify'), enabled: false, gcTime: 0 });
}

/** Invalidates the audit log with whatever else a change touched: every admin change is audited. */
function useAdminMutation<I, O>(mutationFn: (input: I) => Promise<O>, touches: readonly (readonly string[])[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => Promise.all([adminKeys.audit, ...touches].map((queryKey) => client.invalidateQueries({ queryKey }))),
  });
}

export function useAddUser() {
  const api = useApi();
  return useAdminMutation((input: { email: string; roles: string[]; password?: string }) => api.post<{ user: unknown }>('/api/admin/users', input), [adminKeys.users]);
}

/** Creates a token; the answer holds the token itself, shown once. */
export function useCreateToken() {
  const api = useApi();
  return useAdminMutation((input: { user: string; scope: string }) => api.post<{ id: string; token: string; scope: string; user: string }>('/api/admin/tokens', input), [adminKeys.tokens]);
}

export function useRevokeToken() {
  const api = useApi();
  return useAdminMutation((id: string) => api.post<{ id: string; revoked_at: string }>(`/api/admin/tokens/${encodeURIComponent(id)}/revoke`), [adminKeys.tokens]);
}

export function useCreateWorkstream() {
  const api = useApi();
  return useAdminMutation((input: { name: string }) => api.post<{ workstream: Workstream }>('/api/workstreams', input), [keys.workstreams]);
}

/** A routine in the tenant's list (`GET /api/routines`): its SOP, schedule, next five fire times and the last fire's outcome. */
export interface TenantRoutine {
  sopId: string; sopTitle: string; sopStatus: string; enabled: boolean; schedule: string; timezone: string; overlap: string;
  nextFireTimes: string[]; lastFiredAt: string | null;
  /** `message`: why a failed fire failed (the service error's code and message). */
  lastFire: { scheduledFor: string; at: string; outcome: string; runId: string | null; message: string | null } | null;
}

/** Every routine of the tenant in one request; refetched when a routine is set (the `['routines']` key). */
export function useRoutines() {
  const api = useApi();
  return useQuery({ queryKey: adminKeys.routines, queryFn: async () => (await api.get<{ routines: TenantRoutine[] }>('/api/routines')).routines, staleTime: 30_000 });
}
