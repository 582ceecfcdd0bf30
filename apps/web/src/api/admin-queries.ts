import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SopDetail, SopSummary, Workstream } from './api-types';
import { useApi } from './api-context';
import { keys } from './queries';
import type { AccountUser, ApiToken, AuditEntry } from './learning-types';

export const adminKeys = {
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  audit: ['admin', 'audit'] as const,
  routine: (sopId: string) => ['routines', sopId] as const,
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

/**
 * The routine of each active SOP (read from its detail; there is no tenant-wide routines list):
 * one query per SOP, shared with the SOP page's cache key for routines.
 */
export function useRoutines(sops: readonly SopSummary[]) {
  const api = useApi();
  return useQueries({
    queries: sops.map((sop) => ({
      queryKey: adminKeys.routine(sop.id),
      queryFn: async () => (await api.get<{ sop: SopDetail }>(`/api/sops/${encodeURIComponent(sop.id)}`)).sop.routine,
      staleTime: 30_000,
    })),
  });
}
