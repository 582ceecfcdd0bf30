import type { RunStore } from '@sopflow/engine';
import { asServiceError, serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';
import { importDocument } from '../import/import-document.js';

/** An import job as the API shows it: `drafts` are the SOP ids made, `error` the coded reason of a failure. */
export interface ImportJobView {
  id: string; status: 'queued' | 'running' | 'succeeded' | 'failed'; documentId: string; drafts: string[];
  error: { code: string; message: string; details?: unknown } | null; createdAt: string; updatedAt: string;
}

/**
 * Queues the import of a stored document of the caller's tenant into draft SOPs (sops.write;
 * another tenant's document is not_found) and runs it in this process: `queued → running →
 * succeeded` with the drafts, or `failed` with the use case's error code (`invalid_input` for a
 * document with no procedure). Returns the job id at once; `done` settles when the job has ended
 * (it never rejects).
 */
export async function startImportJob(ctx: ProcessContext, documentId: string): Promise<{ jobId: string; done: Promise<void> }> {
  const actor = requirePermission(ctx, 'sops.write');
  const records = recordsOf(ctx.store).documents;
  const document = await serviceCall(() => records.find(actor.tenantId, documentId));
  if (document === undefined) throw new ServiceError('not_found', `no document ${documentId}`, { documentId });
  const now = new Date().toISOString();
  const jobId = createId('imp');
  await serviceCall(() => records.insertJob({
    id: jobId, tenantId: actor.tenantId, documentId, status: 'queued', drafts: [], error: null, createdBy: actor.email, createdAt: now, updatedAt: now,
  }));
  const finish = (change: Omit<Parameters<typeof records.updateJob>[2], 'updatedAt'>) => records.updateJob(actor.tenantId, jobId, { ...change, updatedAt: new Date().toISOString() });
  const done = (async () => {
    await finish({ status: 'running', drafts: [], error: null });
    try {
      const bytes = await records.readBytes(actor.tenantId, documentId);
      if (bytes === undefined) throw new ServiceError('not_found', `no document ${documentId}`, { documentId });
      const result = await importDocument(ctx, { fileName: document.name, bytes });
      await finish({ status: 'succeeded', drafts: result.drafts.map((d) => d.id), error: null });
    } catch (error) {
      const known = asServiceError(error);
      const coded = known === undefined
        ? { code: 'internal', message: 'the import failed; the server logged why' }
        : { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) };
      if (known === undefined) console.error(`sopflow: import job ${jobId} failed: ${(error as Error)?.message ?? String(error)}`);
      await finish({ status: 'failed', drafts: [], error: coded });
    }
  })().catch((error: unknown) => { console.error(`sopflow: import job ${jobId} could not record its end: ${(error as Error)?.message ?? String(error)}`); });
  return { jobId, done };
}

/**
 * Marks failed, with the code `interrupted` and a message saying to import again, every import job
 * still queued or running that was last updated before `before` (a server's start time): the
 * process that ran it stopped, and jobs run only in the process that started them. A job another
 * server on the same database is still running records its own end over this. Returns the job ids.
 */
export async function failInterruptedImportJobs(ctx: { store: RunStore }, before: string): Promise<string[]> {
  const records = recordsOf(ctx.store).documents;
  const jobs = await serviceCall(() => records.listUnfinishedJobs(before));
  for (const job of jobs) {
    await serviceCall(() => records.updateJob(job.tenantId, job.id, {
      status: 'failed', drafts: job.drafts, updatedAt: new Date().toISOString(),
      error: { code: 'interrupted', message: `the server stopped while this import was ${job.status} (last update ${job.updatedAt}); import the document again (POST /api/sops/import)`, details: { was: job.status } },
    }));
  }
  return jobs.map((job) => job.id);
}

/** One import job of the caller's tenant (sops.read); another tenant's is not_found. */
export async function getImportJob(ctx: ProcessContext, id: string): Promise<ImportJobView> {
  const actor = requirePermission(ctx, 'sops.read');
  const row = await serviceCall(() => recordsOf(ctx.store).documents.findJob(actor.tenantId, id));
  if (row === undefined) throw new ServiceError('not_found', `no import job ${id}`, { jobId: id });
  return { id: row.id, status: row.status, documentId: row.documentId, drafts: row.drafts, error: row.error, createdAt: row.createdAt, updatedAt: row.updatedAt };
}
