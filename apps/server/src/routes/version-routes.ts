import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { archiveSop, createDraftVersion, diffSopVersions, editDraftVersion, getSopVersion, listSopVersions, publishSopVersion, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam, SopDetail, SopVersion as Version } from '../api-schemas.js';
import { context } from '../request-context.js';
import { body, errors, json, optionalJson, VersionParams } from './openapi-responses.js';

/** Versions of an SOP: list, get as YAML or JSON, diff, edit a draft, publish, archive, a new draft from an active version. */
export function registerVersionRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/versions', tags: ['versions'], summary: "The SOP's versions, oldest first",
    request: { params: IdParam }, responses: { 200: json(z.object({ versions: z.array(Version) }), 'the versions'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ versions: await listSopVersions(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/versions', tags: ['versions'], summary: 'A new draft version from a published one (default the current)',
    request: { params: IdParam, ...body(z.object({ fromVersionId: z.string().optional() }), false) },
    responses: { 201: json(z.object({ version: Version }), 'the new draft'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const input = optionalJson(await c.req.text(), z.object({ fromVersionId: z.string().optional() }));
    return c.json({ version: await createDraftVersion(context(c, ws), c.req.valid('param').id, input) }, 201);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/versions/{versionId}', tags: ['versions'], summary: 'One version as YAML (the stored text) or JSON (`?format=json`); `current` names the current one',
    request: { params: VersionParams, query: z.object({ format: z.enum(['yaml', 'json']).optional() }) },
    responses: {
      200: { description: 'the version', content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: z.object({ version: Version, text: z.string(), workflow: z.unknown() }) } } },
      ...errors(400, 401, 403, 404),
    },
  }), async (c) => {
    const { id, versionId } = c.req.valid('param');
    const format = c.req.valid('query').format ?? 'yaml';
    const got = await getSopVersion(context(c, ws), id, versionId, format);
    if (format === 'json') return c.json({ version: got.version, text: got.text, workflow: got.workflow }, 200);
    return c.body(got.text, 200, { 'content-type': 'application/yaml; charset=utf-8', 'content-disposition': `inline; filename="${got.fileName}"`, etag: `"${got.version.contentHash}"` });
  });

  app.openapi(createRoute({
    method: 'put', path: '/api/sops/{id}/versions/{versionId}', tags: ['versions'], summary: 'Replace the text of a draft version (422 with diagnostics and the text echoed back)',
    request: { params: VersionParams, ...body(z.object({ osop: z.string().min(1) })) },
    responses: { 200: json(z.object({ version: Version }), 'the draft, edited'), ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
  }), async (c) => {
    const { id, versionId } = c.req.valid('param');
    return c.json({ version: await editDraftVersion(context(c, ws), id, versionId, c.req.valid('json')) }, 200);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/versions/{versionId}/publish', tags: ['versions'], summary: 'Publish a draft version (records the approver); the SOP runs it from now on',
    request: { params: VersionParams }, responses: { 200: json(z.object({ sop: SopDetail }), 'the SOP, active on this version'), ...errors(401, 403, 404, 409, 422) },
  }), async (c) => {
    const { id, versionId } = c.req.valid('param');
    return c.json({ sop: await publishSopVersion(context(c, ws), id, versionId) }, 200);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/archive', tags: ['versions'], summary: 'Archive an SOP (it no longer runs; versions and runs stay)',
    request: { params: IdParam }, responses: { 200: json(z.object({ sop: SopDetail }), 'the SOP, archived'), ...errors(401, 403, 404, 409) },
  }), async (c) => c.json({ sop: await archiveSop(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/diff', tags: ['versions'], summary: 'Two versions compared, with the semantic summary (`from`, `to`: version ids or `current`)',
    request: { params: IdParam, query: z.object({ from: z.string().min(1).max(200), to: z.string().min(1).max(200).optional() }) },
    responses: { 200: json(z.object({ from: Version, to: Version, diff: z.unknown() }), 'the diff'), ...errors(400, 401, 403, 404) },
  }), async (c) => {
    const { from, to } = c.req.valid('query');
    return c.json(await diffSopVersions(context(c, ws), c.req.valid('param').id, from, to ?? 'current'), 200);
  });
}
