import { useQuery } from '@tanstack/react-query';
import { useApi } from './api-context';

/** The community's figures for a version, from the run reports sent to the hub. */
export interface HubCommunity { runs: number; succeeded: number; successRate: number; p50Ms: number; p95Ms: number; reports: number }

/** A version in the hub's search answer (the newest matching version per name). */
export interface HubSearchResult {
  name: string; version: string; title: string; description: string | null; contentHash: string; publisherId: string; size: number;
  tags: string[]; nodeTypes: string[]; services: string[]; publishedAt: string; community: HubCommunity | null;
}

export interface HubRankingEntry extends HubCommunity { name: string; version: string; title: string }

export type HubSort = 'relevance' | 'community' | 'name';

export interface HubSearchInput { text: string; tags: readonly string[]; sort: HubSort }

/** Pure; the search address: `q`, one `tag` per tag, the sort. */
export function hubSearchPath(input: HubSearchInput): string {
  const params = new URLSearchParams();
  if (input.text.trim() !== '') params.set('q', input.text.trim());
  for (const tag of input.tags) params.append('tag', tag);
  params.set('sort', input.sort);
  return `/api/hub/search?${params.toString()}`;
}

export function useHubSearch(input: HubSearchInput) {
  const api = useApi();
  const path = hubSearchPath(input);
  return useQuery({ queryKey: ['hub', 'search', path], queryFn: async () => (await api.get<{ results: HubSearchResult[] }>(path)).results, placeholderData: (previous) => previous });
}

export function useHubRanking() {
  const api = useApi();
  return useQuery({ queryKey: ['hub', 'ranking'], queryFn: async () => (await api.get<{ ranking: HubRankingEntry[] }>('/api/hub/ranking?limit=20')).ranking });
}
