import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getDocument, getImportJob, listDocuments, MAX_DOCUMENT_BYTES, ServiceError, uploadDocument, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';
import { errors, json } from './openapi-responses.js';

const Document = z.object({
  id: z.string(), name: z.string(), type: z.enum(['md', 'txt', 'html', 'docx', 'pdf']), size: z.number().int(),
  sha256: z.string().openapi({ description: 'SHA-256 of the bytes (hex); the same bytes uploaded again are the same document' }), createdAt: z.string(),
}).openapi('Document');

const ImportJob = z.object({
  id: z.string(), status: z.enum(['queued', 'running', 'succeeded', 'failed']), documentId: z.string(),
  drafts: z.array(z.string()).openapi({ description: 'The draft SOPs the import made' }),
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).nullable(), createdAt: z.string(), updatedAt: z.string(),
}).openapi('ImportJob');

const UploadForm = z.object({ file: z.any().openapi({ type: 'string', format: 'binary', description: 'The document: md, txt, html, docx or pdf' }) });

/** Multipart framing allowed on top of the largest document. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** True for the one request that carries a multipart upload rather than JSON (the app's JSON-only and 1 MiB checks skip it). */
export function isDocumentUpload(c: Context): boolean {
  return c.req.method === 'POST' && c.req.path === '/api/documents';
}

/** Documents (multipart upload, stored once per content hash) and import jobs: thin adapters over the service. */
export function registerDocumentRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  const uploadLimit: MiddlewareHandler<ServerEnv> = bodyLimit({
    maxSize: MAX_DOCUMENT_BYTES + FORM_OVERHEAD_BYTES,
    onError: () => { throw new ServiceError('too_large', `the document is larger than ${MAX_DOCUMENT_BYTES} bytes`, { maxBytes: MAX_DOCUMENT_BYTES }); },
  });
  app.use('/api/documents', async (c, next) => {
    if (!isDocumentUpload(c)) return next();
    const type = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\b/i.test(type)) {
      throw new ServiceError('unsupported_media_type', `send the document as multipart/form-data with one file field (got ${type === '' ? 'no content type' : type})`, { contentType: type === '' ? null : type });
    }
    return uploadLimit(c, next);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/documents', tags: ['documents'], summary: 'Upload a document (md, txt, html, docx, pdf; 20 MiB at most)',
    request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
    responses: {
      201: json(z.object({ document: Document }), 'the document stored, or the one already stored with the same bytes'),
      ...errors(400, 401, 403, 413, 415),
    },
  }), async (c) => {
    const form = await c.req.parseBody({ all: true });
    const files = Object.values(form).flat().filter((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v);
    if (files.length !== 1) throw new ServiceError('invalid_request', `send exactly one file field (got ${files.length})`, { field: 'file' });
    const file = files[0]!;
    const { document } = await uploadDocument(context(c, ws), { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return c.json({ document }, 201);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/documents', tags: ['documents'], summary: "The tenant's documents, oldest first",
    responses: { 200: json(z.object({ documents: z.array(Document) }), 'the documents'), ...errors(401, 403) },
  }), async (c) => c.json({ documents: await listDocuments(context(c, ws)) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/documents/{id}', tags: ['documents'], summary: 'One document (never its bytes)',
    request: { params: IdParam }, responses: { 200: json(z.object({ document: Document }), 'the document'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ document: await getDocument(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/import-jobs/{id}', tags: ['documents'], summary: 'An import job: its status and the drafts it made',
    request: { params: IdParam }, responses: { 200: json(z.object({ job: ImportJob }), 'the job'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ job: await getImportJob(context(c, ws), c.req.valid('param').id) }, 200));
}
