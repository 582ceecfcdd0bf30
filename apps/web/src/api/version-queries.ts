import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorkflowDiff } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { useApi } from './api-context';
import { keys } from './queries';
import type { SopDetail } from './api-types';

/** One version of an SOP as `GET /api/sops/:id/versions` lists it. */
export interface SopVersionView {
  id: string; sopId: string; semver: string; contentHash: string; certification: string; state: 'draft' | 'published';
  /** The version the SOP runs (for a draft SOP, the one being written). */
  current: boolean;
  approvedBy: string | null; approvedAt: string | null; createdBy: string; createdAt: string;
}

/** A version's JSON form: its view, the stored `.osop` text and the parsed workflow. */
export interface SopVersionDocument { version: SopVersionView; text: string; workflow: Workflow }

export interface SopVersionDiff { from: SopVersionView; to: SopVersionView; diff: WorkflowDiff }

const base = (sopId: string) => `/api/sops/${encodeURIComponent(sopId)}`;

export const versionKeys = {
  list: (sopId: string) => ['sops', sopId, 'versions'] as const,
  /** By content hash too: a draft's text changes under the same id. */
  document: (sopId: string, versionId: string, contentHash: string) => ['sops', sopId, 'versions', versionId, contentHash] as const,
  diff: (sopId: string, from: string, to: string) => ['sops', sopId, 'diff', from, to] as const,
};

/** The SOP's versions, oldest first. */
export function useVersions(sopId: string) {
  const api = useApi();
  return useQuery({ queryKey: versionKeys.list(sopId), queryFn: async () => (await api.get<{ versions: SopVersionView[] }>(`${base(sopId)}/versions`)).versions });
}

/** One version as JSON (with the workflow the graph draws); fetched once per content hash. */
export function useVersionDocument(sopId: string, version: Pick<SopVersionView, 'id' | 'contentHash'> | null) {
  const api = useApi();
  return useQuery({
    queryKey: versionKeys.document(sopId, version?.id ?? '', version?.contentHash ?? ''),
    enabled: version !== null,
    staleTime: Infinity,
    queryFn: () => api.get<SopVersionDocument>(`${base(sopId)}/versions/${encodeURIComponent(version!.id)}?format=json`),
  });
}

/** Two versions compared, with the semantic summary; nothing is fetched until both are chosen. */
export function useVersionDiff(sopId: string, from: string | null, to: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: versionKeys.diff(sopId, from ?? '', to ?? ''),
    enabled: from !== null && to !== null,
    queryFn: () => api.get<SopVersionDiff>(`${base(sopId)}/diff?from=${encodeURIComponent(from!)}&to=${encodeURIComponent(to!)}`),
  });
}

function useVersionMutation<I, O>(sopId: string, call: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: keys.sop(sopId) }), client.invalidateQueries({ queryKey: keys.sops, exact: true })]),
  });
}

/** A new draft copied from a published version. */
export function useCreateDraft(sopId: string) {
  const api = useApi();
  return useVersionMutation(sopId, (fromVersionId: string) => api.post<{ version: SopVersionView }>(`${base(sopId)}/versions`, { fromVersionId }));
}

/** Publishes a draft version: the SOP runs it from now on, with the caller as approver. */
export function usePublishVersion(sopId: string) {
  const api = useApi();
  return useVersionMutation(sopId, (versionId: string) => api.post<{ sop: SopDetail }>(`${base(sopId)}/versions/${encodeURIComponent(versionId)}/publish`));
}

/** Archives the SOP: it no longer runs; its versions and runs stay. */
export function useArchiveSop(sopId: string) {
  const api = useApi();
  return useVersionMutation(sopId, () => api.post<{ sop: SopDetail }>(`${base(sopId)}/archive`));
}
