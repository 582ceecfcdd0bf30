import { createHash } from 'node:crypto';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';
import { detectDocumentType, type DocumentType } from './document-type.js';

/** A stored document as the API shows it (never its bytes). */
export interface DocumentView { id: string; name: string; type: DocumentType; size: number; sha256: string; createdAt: string }

/** The largest document stored (413 `too_large` past it). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Stores an uploaded document in the caller's tenant (needs sops.write), once per content hash:
 * the same bytes again return the document already stored (its first name). The type comes from
 * the extension and the bytes together (md, txt, html, docx, pdf): anything else is 415
 * `unsupported_media_type`, an empty file 400, a file over `MAX_DOCUMENT_BYTES` 413; a refusal stores nothing.
 */
export async function uploadDocument(ctx: ProcessContext, input: { name: string; bytes: Uint8Array }): Promise<{ document: DocumentView; created: boolean }> {
  const actor = requirePermission(ctx, 'sops.write');
  const name = input.name.replace(/^.*[\\/]/, '').trim();
  if (name === '' || name.length > 255) throw new ServiceError('invalid_request', 'the file needs a name of 1 to 255 characters (its extension says the type)', { field: 'file' });
  if (input.bytes.byteLength > MAX_DOCUMENT_BYTES) throw new ServiceError('too_large', `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`, { maxBytes: MAX_DOCUMENT_BYTES });
  const detected = detectDocumentType(name, input.bytes);
  if (!detected.ok) {
    if (detected.reason === 'empty') throw new ServiceError('invalid_request', detected.message, { field: 'file' });
    throw new ServiceError('unsupported_media_type', detected.message, { name, accepted: ['md', 'txt', 'html', 'docx', 'pdf'] });
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const now = new Date();
  const id = createId('doc', now);
  const row = await serviceCall(() => recordsOf(ctx.store).documents.insertOnce({
    id, tenantId: actor.tenantId, name, type: detected.type, size: input.bytes.byteLength, sha256, createdBy: actor.email, createdAt: now.toISOString(),
  }, input.bytes));
  return { document: toView(row), created: row.id === id };
}

/** The caller tenant's documents, oldest first (sops.read). */
export async function listDocuments(ctx: ProcessContext): Promise<DocumentView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  return (await serviceCall(() => recordsOf(ctx.store).documents.list(actor.tenantId))).map(toView);
}

/** One document of the caller's tenant (sops.read); another tenant's is not_found, like a missing one. */
export async function getDocument(ctx: ProcessContext, id: string): Promise<DocumentView> {
  const actor = requirePermission(ctx, 'sops.read');
  const row = await serviceCall(() => recordsOf(ctx.store).documents.find(actor.tenantId, id));
  if (row === undefined) throw new ServiceError('not_found', `no document ${id}`, { documentId: id });
  return toView(row);
}

function toView(row: Omit<DocumentView, 'type'> & { type: string }): DocumentView {
  return { id: row.id, name: row.name, type: row.type as DocumentType, size: row.size, sha256: row.sha256, createdAt: row.createdAt };
}
