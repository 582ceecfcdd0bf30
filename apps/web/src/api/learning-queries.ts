import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DelegationState } from './api-types';
import { useApi } from './api-context';
import { keys } from './queries';
import type { RoutineView, SopDebrief, SopDelegation, TenantOpportunity, TenantPortfolio, UpdateCandidate } from './learning-types';

/** Query keys of the learning views (apart from `sops`, so a live SOP refetch does not recompute them). */
export const learningKeys = {
  debrief: (sopId: string) => ['debrief', sopId] as const,
  delegation: (sopId: string) => ['delegation', sopId] as const,
  portfolio: ['opportunities'] as const,
};

const sopPath = (sopId: string) => `/api/sops/${encodeURIComponent(sopId)}`;

/** The SOP's debrief over all its finished runs; `empty` (404) before the first finished run. */
export function useDebrief(sopId: string) {
  const api = useApi();
  return useQuery({ queryKey: learningKeys.debrief(sopId), queryFn: () => api.get<SopDebrief>(`${sopPath(sopId)}/debrief`) });
}

/** Per step delegation evidence and readiness, with the SOP's opportunities. */
export function useDelegation(sopId: string) {
  const api = useApi();
  return useQuery({ queryKey: learningKeys.delegation(sopId), queryFn: () => api.get<SopDelegation>(`${sopPath(sopId)}/delegation`) });
}

/** The tenant's ranked portfolio of opportunities. */
export function usePortfolio() {
  const api = useApi();
  return useQuery({ queryKey: learningKeys.portfolio, queryFn: () => api.get<TenantPortfolio>('/api/opportunities') });
}

/** Approves an update candidate: the server writes a new draft version with the change. */
export function useApproveCandidate(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (candidateId: string) => api.post<{ version: { id: string; semver: string } }>(`${sopPath(sopId)}/update-candidates/${encodeURIComponent(candidateId)}/approve`),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: learningKeys.debrief(sopId) }), client.invalidateQueries({ queryKey: keys.sop(sopId) })]),
  });
}

/** Rejects an update candidate with the person's reason. */
export function useRejectCandidate(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { candidateId: string; reason: string }) =>
      api.post<{ candidate: UpdateCandidate }>(`${sopPath(sopId)}/update-candidates/${encodeURIComponent(input.candidateId)}/reject`, { reason: input.reason }),
    onSuccess: () => client.invalidateQueries({ queryKey: learningKeys.debrief(sopId) }),
  });
}

export interface DelegationChange { stepId: string; direction: 'promote' | 'demote'; reason: string; to?: DelegationState; override?: boolean }

/** Proposes moving one step up or down the delegation ladder (a new draft version); 409 not_enough_evidence says what is missing. */
export function useChangeDelegation(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, ...body }: DelegationChange) =>
      api.post<{ version: { id: string; semver: string }; decision: { from: DelegationState; to: DelegationState } }>(`${sopPath(sopId)}/steps/${encodeURIComponent(stepId)}/delegation`, body),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: learningKeys.delegation(sopId) }), client.invalidateQueries({ queryKey: keys.sop(sopId) })]),
  });
}

/** Gives an opportunity's assumptions (numbers by name); the server recomputes its value and the ranking. */
export function useUpdateAssumptions() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { opportunityId: string; assumptions: Record<string, number> }) =>
      api.patch<{ opportunity: TenantOpportunity }>(`/api/opportunities/${encodeURIComponent(input.opportunityId)}`, { assumptions: input.assumptions }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: learningKeys.portfolio }), client.invalidateQueries({ queryKey: ['delegation'] })]),
  });
}

export interface RoutineInput { enabled: boolean; schedule?: string; timezone?: string; inputs?: Record<string, unknown> }

/** Sets or clears the SOP's cron routine; answers with its next five fire times. */
export function useSetRoutine(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RoutineInput) => api.post<{ routine: RoutineView }>(`${sopPath(sopId)}/routine`, input),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.sop(sopId) }), client.invalidateQueries({ queryKey: ['routines'] })]),
  });
}
