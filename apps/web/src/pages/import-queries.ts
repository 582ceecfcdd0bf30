import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../api/api-context';
import { keys } from '../api/queries';

/** A stored document (never its bytes), as `POST /api/documents` answers. */
export interface DocumentView { id: string; name: string; type: string; size: number; sha256: string; createdAt: string }

/** An import job: `drafts` are the SOP ids made; `error` the coded reason of a failure. */
export interface ImportJob {
  id: string; status: 'queued' | 'running' | 'succeeded' | 'failed'; documentId: string; drafts: string[];
  error: { code: string; message: string; details?: unknown } | null; createdAt: string; updatedAt: string;
}

/** How often the import page asks after a running job (ms). */
export const IMPORT_POLL_MS = 500;

/** The file extensions the server imports. */
export const IMPORT_ACCEPT = '.md,.markdown,.txt,.html,.htm,.docx,.pdf';

/** Uploads a document (multipart) and starts its import; resolves with the document and the job id. */
export function useImportDocument() {
  const api = useApi();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      const { document } = await api.postForm<{ document: DocumentView }>('/api/documents', form);
      const { jobId } = await api.post<{ jobId: string }>('/api/sops/import', { documentId: document.id });
      return { document, jobId };
    },
  });
}

/** An import job, polled while it is queued or running; the library refetches once it has made drafts. */
export function useImportJob(jobId: string | null) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery({
    queryKey: ['import-jobs', jobId],
    enabled: jobId !== null,
    queryFn: async () => {
      const { job } = await api.get<{ job: ImportJob }>(`/api/import-jobs/${encodeURIComponent(jobId!)}`);
      if (job.status === 'succeeded') await client.invalidateQueries({ queryKey: keys.sops });
      return job;
    },
    refetchInterval: (query) => (query.state.data === undefined || query.state.data.status === 'queued' || query.state.data.status === 'running' ? IMPORT_POLL_MS : false),
  });
}
