import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getPublicCollection, getPublicSopDocument, setSopPublic, type PublicDocument, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam, SopDetail } from '../api-schemas.js';
import { errors } from './openapi-responses.js';
import { context } from '../request-context.js';

export interface DiscoveryOptions {
  /** The tenant (slug or id) whose public collection `/.well-known/sop` and `/.sop` serve; default the first tenant created. */
  publicTenant?: string;
}

/** How long a client may reuse a public document before asking again (it revalidates with If-None-Match). */
const CACHE_CONTROL = 'public, max-age=300';

const PublicBody = z.object({ public: z.boolean().openapi({ description: 'true lists the SOP (while active) in the public .sop collection; false takes it out' }) }).openapi('PublicBody');

/**
 * Discovery, `.sop` as robots.txt for agents: `POST /api/sops/:id/public` (sops.publish) marks an
 * SOP public or private; `GET /.well-known/sop` and `GET /.sop` serve the public tenant's
 * collection and `GET /sops/:tenant/:id.osop` each public active SOP, without authentication,
 * with an ETag (content hash), Cache-Control and 304 on If-None-Match.
 */
export function registerDiscoveryRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, options: DiscoveryOptions = {}): void {
  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/public', tags: ['sops'], summary: 'List the SOP in the public .sop collection (while active), or take it out',
    request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: PublicBody } } } },
    responses: { 200: { description: 'the SOP', content: { 'application/json': { schema: z.object({ sop: SopDetail.extend({ public: z.boolean() }) }) } } }, ...errors(400, 401, 403, 404) },
  }), async (c) => c.json({ sop: await setSopPublic(context(c, ws), c.req.valid('param').id, c.req.valid('json').public) }, 200));

  const collection = async (c: Context<ServerEnv>) => publicResponse(c, await getPublicCollection({ store: ws.store }, options.publicTenant), 'application/yaml; charset=utf-8');
  app.get('/.well-known/sop', collection);
  app.get('/.sop', collection);
  app.get('/sops/:tenant/:file{[^/]+\\.osop}', async (c) => {
    const sopId = c.req.param('file').replace(/\.osop$/, '');
    return publicResponse(c, await getPublicSopDocument({ store: ws.store }, c.req.param('tenant'), sopId), 'application/yaml; charset=utf-8');
  });
}

/** A public document with its caching headers; 304 without a body when the client already holds this version. */
function publicResponse(c: Context<ServerEnv>, doc: PublicDocument, contentType: string): Response {
  const headers = { etag: doc.etag, 'cache-control': CACHE_CONTROL, 'access-control-allow-origin': '*', vary: 'accept-encoding' };
  if (matchesEtag(c.req.header('if-none-match'), doc.etag)) return new Response(null, { status: 304, headers });
  return new Response(doc.text, { status: 200, headers: { ...headers, 'content-type': contentType } });
}

/** True when an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks for GET), or is `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === '*' || t === etag);
}
