import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { keys } from '../api/queries';
import type { SopDetail } from '../api/api-types';

/** One version of an SOP as `/api/sops/:id/versions` lists it. */
export interface VersionView {
  id: string; sopId: string; semver: string; contentHash: string; certification: string; state: 'draft' | 'published';
  current: boolean; approvedBy: string | null; approvedAt: string | null; createdBy: string; createdAt: string;
}

/** The SOP's open draft and its .osop text, or `draft: null` when every version is published. */
export interface OpenDraft { sop: SopDetail; draft: { version: VersionView; text: string } | null }

const draftKey = (sopId: string) => ['sops', sopId, 'draft'] as const;

/** The SOP with its open draft version (the newest unpublished one) and that version's text. */
export function useOpenDraft(sopId: string) {
  const api = useApi();
  return useQuery({
    queryKey: draftKey(sopId),
    queryFn: async (): Promise<OpenDraft> => {
      const id = encodeURIComponent(sopId);
      const [{ sop }, { versions }] = await Promise.all([
        api.get<{ sop: SopDetail }>(`/api/sops/${id}`),
        api.get<{ versions: VersionView[] }>(`/api/sops/${id}/versions`),
      ]);
      const open = versions.filter((v) => v.state === 'draft').at(-1);
      if (open === undefined) return { sop, draft: null };
      const got = await api.get<{ version: VersionView; text: string }>(`/api/sops/${id}/versions/${encodeURIComponent(open.id)}?format=json`);
      return { sop, draft: { version: got.version, text: got.text } };
    },
    // The text is being edited here: never swap it under the reviewer.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Saves .osop text into the draft version (PUT; the server validates: a 422 carries its diagnostics). */
export function useSaveDraft(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ versionId, osop }: { versionId: string; osop: string }) =>
      api.put<{ version: VersionView }>(`/api/sops/${encodeURIComponent(sopId)}/versions/${encodeURIComponent(versionId)}`, { osop }),
    onSuccess: ({ version }, { osop }) => {
      client.setQueryData<OpenDraft>(draftKey(sopId), (old) => (old === undefined ? old : { ...old, draft: { version, text: osop } }));
      return client.invalidateQueries({ queryKey: keys.sops, exact: true });
    },
  });
}

/** Publishes the draft version; the SOP is active on it from now on. */
export function usePublishDraft(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) => api.post<{ sop: SopDetail }>(`/api/sops/${encodeURIComponent(sopId)}/versions/${encodeURIComponent(versionId)}/publish`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.sops }),
  });
}

/** Starts a new draft from the SOP's current published version. */
export function useStartDraft(sopId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ version: VersionView }>(`/api/sops/${encodeURIComponent(sopId)}/versions`),
    onSuccess: () => client.invalidateQueries({ queryKey: draftKey(sopId) }),
  });
}

/** A diagnostic of a refused save (`details.diagnostics` of a 422). */
export interface SaveDiagnostic { code: string; severity: string; message: string; line: number; column: number }

/** Pure; the diagnostics a 422 carries, or none. */
export function diagnosticsOf(error: unknown): SaveDiagnostic[] {
  const details = (error as { details?: { diagnostics?: unknown } } | null)?.details;
  return Array.isArray(details?.diagnostics) ? (details.diagnostics as SaveDiagnostic[]) : [];
}
