import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import { useApi } from './api-context';
import { mapInOrder } from './map-in-order';
import { isInFlight, type AuditReport, type Me, type RunDetail, type RunEventView, type SopDetail, type SopList, type SopSummary, type Task, type Workstream } from './api-types';

/** Query keys, one place. */
export const keys = {
  me: ['me'] as const,
  sops: ['sops'] as const,
  sop: (id: string) => ['sops', id] as const,
  run: (id: string) => ['runs', id] as const,
  tasks: (status: string) => ['tasks', status] as const,
  workstreams: ['workstreams'] as const,
};

/** How often a page polls while a run is in flight, and otherwise (ms). */
export const LIVE_POLL_MS = 1000;
export const IDLE_POLL_MS = 5000;

/** The caller, and the session's CSRF token handed to the client; rejects with ApiError 401 when signed out. */
export async function fetchMe(api: ApiClient): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  if (me.csrfToken !== null) api.setCsrfToken(me.csrfToken);
  return me;
}

/** The session as the router checks it before every signed-in page. */
export function ensureMe(api: ApiClient, client: QueryClient): Promise<Me> {
  return client.ensureQueryData({ queryKey: keys.me, queryFn: () => fetchMe(api), staleTime: 60_000 });
}

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: keys.me, queryFn: () => fetchMe(api), staleTime: 60_000, retry: false });
}

/** SOPs a library page asks for (the API's most), and how many later pages are in flight at once. */
export const LIBRARY_PAGE_SIZE = 1000;
const LIBRARY_PAGES_AT_ONCE = 4;

/**
 * Every SOP of the tenant, in the API's order: the first page names every later page's cursor (`pageCursors`),
 * so those are fetched LIBRARY_PAGES_AT_ONCE at a time. Filtering and search happen in the browser, instantly.
 */
export async function fetchAllSops(api: ApiClient, pageSize = LIBRARY_PAGE_SIZE): Promise<SopSummary[]> {
  const page = (cursor: string | null) => api.get<SopList>(`/api/sops?limit=${pageSize}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
  const first = await page(null);
  return [first, ...await mapInOrder(first.pageCursors ?? [], LIBRARY_PAGES_AT_ONCE, page)].flatMap((p) => p.sops);
}

/** The library fetched this recently is not fetched again when its page mounts (the prefetch has just brought it); changes made here invalidate it at once. */
const SOPS_FRESH_MS = 5000;

/** Starts fetching the library and its workstreams when its route matches, while the page's code still loads (router loader; never waits). */
export function prefetchLibrary(api: ApiClient, client: QueryClient): void {
  void client.prefetchQuery({ queryKey: keys.sops, queryFn: () => fetchAllSops(api), staleTime: SOPS_FRESH_MS });
  void client.prefetchQuery(workstreamsQuery(api));
}

/** Every SOP of the tenant (all pages); filtering and search happen in the browser, instantly. */
export function useSops() {
  const api = useApi();
  return useQuery({ queryKey: keys.sops, queryFn: () => fetchAllSops(api), staleTime: SOPS_FRESH_MS });
}

const workstreamsQuery = (api: ApiClient) => ({
  queryKey: keys.workstreams, queryFn: async () => (await api.get<{ workstreams: Workstream[] }>('/api/workstreams')).workstreams, staleTime: 60_000,
});

export function useWorkstreams() {
  return useQuery(workstreamsQuery(useApi()));
}

/**
 * One SOP with live step states. While its run is in flight it is refetched on each of the run's
 * server-sent events (`streaming`, see useRunEvents) with a 5 s poll as a fallback, or polled
 * every second when no stream is open; every 5 s otherwise.
 */
export function useSop(id: string, enabled = true, streaming = false) {
  const api = useApi();
  return useQuery({
    queryKey: keys.sop(id),
    enabled: enabled && id !== '',
    queryFn: async () => (await api.get<{ sop: SopDetail }>(`/api/sops/${encodeURIComponent(id)}`)).sop,
    refetchInterval: (query) => (isInFlight(query.state.data?.run?.status) && !streaming ? LIVE_POLL_MS : IDLE_POLL_MS),
  });
}

export function useRun(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: keys.run(id),
    queryFn: async () => (await api.get<{ run: RunDetail }>(`/api/runs/${encodeURIComponent(id)}`)).run,
    refetchInterval: (query) => (query.state.data === undefined || isInFlight(query.state.data.status) ? LIVE_POLL_MS : false),
  });
}

/** The run's stored events (its decisions, escalations, cancellation); refetched with the run while it is in flight. */
export function useRunHistory(id: string, live: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.run(id), 'history'],
    queryFn: async () => (await api.get<{ events: RunEventView[] }>(`/api/runs/${encodeURIComponent(id)}/history`)).events,
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
}

/** The run's audit chain, recomputed by the server; checked again whenever the run changes. */
export function useRunAudit(id: string, eventCount: number) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.run(id), 'audit', eventCount],
    queryFn: async () => (await api.get<{ audit: AuditReport }>(`/api/runs/${encodeURIComponent(id)}/audit`)).audit,
  });
}

/** Cancels a run (open tasks close); the run, its SOP and the inbox refetch. */
export function useCancelRun(runId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<{ run: { id: string; status: string } }>(`/api/runs/${encodeURIComponent(runId)}/cancel`, reason.trim() === '' ? {} : { reason: reason.trim() }),
    onSettled: () => Promise.all([client.invalidateQueries({ queryKey: ['runs'] }), client.invalidateQueries({ queryKey: keys.sops }), client.invalidateQueries({ queryKey: ['tasks'] })]),
  });
}

/** What the agent proposed for a review task, and its confidence (from the task's run; a proposal never changes). */
export function useTaskProposal(task: Task, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...keys.run(task.runId), 'proposal', task.id],
    enabled,
    staleTime: Infinity,
    queryFn: async () => {
      const { run } = await api.get<{ run: RunDetail }>(`/api/runs/${encodeURIComponent(task.runId)}`);
      const open = run.tasks.find((t) => t.id === task.id);
      return { proposal: open?.proposal ?? null, confidence: open?.confidence ?? null };
    },
  });
}

/** Open tasks of the tenant, polled every 5 s. */
export function useTasks() {
  const api = useApi();
  return useQuery({
    queryKey: keys.tasks('open'),
    queryFn: async () => (await api.get<{ tasks: Task[] }>('/api/tasks')).tasks,
    refetchInterval: IDLE_POLL_MS,
  });
}

/** Starts a run of the SOP; the detail refetches at once and then follows it live. */
export function useStartRun(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ runId: string; status: string }>(`/api/sops/${encodeURIComponent(sopId)}/run`),
    onSettled: () => client.invalidateQueries({ queryKey: keys.sop(sopId) }),
  });
}

export interface TaskDecision { decision: 'done' | 'not_done' | 'approved' | 'denied'; data?: Record<string, unknown>; reason?: string }

/** Completes a task as the signed-in user; the inbox and every open SOP refetch. */
export function useCompleteTask(taskId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (decision: TaskDecision) => api.post<{ task: Task; run: { id: string; status: string } }>(`/api/tasks/${encodeURIComponent(taskId)}/complete`, decision),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['tasks'] }), client.invalidateQueries({ queryKey: keys.sops }), client.invalidateQueries({ queryKey: ['runs'] })]),
  });
}

export function useSignIn() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; password: string }) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      api.setCsrfToken(me.csrfToken);
      client.setQueryData(keys.me, me);
    },
  });
}

export function useSignOut() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: boolean }>('/api/auth/logout'),
    onSettled: () => {
      api.setCsrfToken(null);
      client.clear();
    },
  });
}
