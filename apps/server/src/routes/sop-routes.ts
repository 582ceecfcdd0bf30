import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createSop, getSop, listRoutines, publishSop, runSop, setRoutine, startImportJob, type Workspace } from '@sopflow/service';
import type { Context } from 'hono';
import type { ServerEnv } from '../authenticate-request.js';
import { requestDoesNotFit } from '../error-response.js';
import { CreateSopBody, IdParam, ImportBody, Routine, RoutineBody, RunBody, RunStarted, SopDetail, SopList, SopQuery, TenantRoutine } from '../api-schemas.js';
import { context } from '../request-context.js';
import { body, errors, json, optionalJson } from './openapi-responses.js';
import { createSopListResponder, type SopListCacheOptions } from '../sop-list-response.js';

/** The Process OS reference's SOP routes plus create and publish: thin adapters over the service. */
export function registerSopRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, listCache: SopListCacheOptions = {}): void {
  const respondWithList = createSopListResponder(ws, listCache);
  // Documented as every route, validated by sopQuery below instead of the generated middleware: most requests send no query (issue #11).
  app.openAPIRegistry.registerPath(createRoute({
    method: 'get', path: '/api/sops', tags: ['sops'], summary: 'The SOP library, a page at a time (ETag; If-None-Match answers 304)',
    request: { query: SopQuery },
    responses: { 200: json(SopList, 'a page of SOPs'), 304: { description: 'the page is unchanged since the ETag sent in If-None-Match' }, ...errors(400, 401, 403) },
  }));
  app.get('/api/sops', async (c) => respondWithList(c, sopQuery(c)));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops', tags: ['sops'], summary: 'Create a draft SOP from .osop text',
    request: body(CreateSopBody), responses: { 201: json(z.object({ sop: SopDetail }), 'the new draft'), ...errors(400, 401, 403, 404, 413, 415, 422) },
  }), async (c) => c.json({ sop: await createSop(context(c, ws), c.req.valid('json')) }, 201));

  // Documented at its path but routed as `POST /api/sops/:id`, any other id the 404 of an unknown route: Hono's
  // RegExpRouter refuses a fixed segment beside a parameter (`/api/sops/:id/run`, ...), and one refused route sends
  // every request of the app through its slower TrieRouter (issue #11; create-server-app.test.ts checks the router).
  app.openAPIRegistry.registerPath(createRoute({
    method: 'post', path: '/api/sops/import', tags: ['sops'], summary: 'Import SOPs (drafts only) from an uploaded document',
    request: body(ImportBody), responses: { 202: json(z.object({ jobId: z.string() }), 'the import job'), ...errors(400, 401, 403, 404) },
  }));
  app.post('/api/sops/:id', async (c) => {
    if (c.req.param('id') !== 'import') return c.notFound();
    const { jobId } = await startImportJob(context(c, ws), optionalJson(await c.req.text(), ImportBody).documentId);
    return c.json({ jobId }, 202);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}', tags: ['sops'], summary: 'One SOP with its steps and their live state',
    request: { params: IdParam }, responses: { 200: json(z.object({ sop: SopDetail }), 'the SOP'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ sop: await getSop(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/publish', tags: ['sops'], summary: 'Publish a draft (records the approver)',
    request: { params: IdParam }, responses: { 200: json(z.object({ sop: SopDetail }), 'the SOP, now active'), ...errors(401, 403, 404, 409) },
  }), async (c) => c.json({ sop: await publishSop(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/run', tags: ['sops'], summary: 'Start a run of an active SOP',
    request: { params: IdParam, ...body(RunBody, false) }, responses: { 202: json(RunStarted, 'the run was started'), ...errors(401, 403, 404, 409, 422) },
  }), async (c) => {
    const input = optionalJson(await c.req.text(), RunBody);
    // Answer once the run first waits (or after 1 s): its quick automated steps are done when the caller looks.
    return c.json(await runSop(context(c, ws), c.req.valid('param').id, { answerWithinMs: 1000, ...(input.inputs === undefined ? {} : { inputs: input.inputs }) }), 202);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/routine', tags: ['sops'], summary: 'Set or clear the cron routine',
    request: { params: IdParam, ...body(RoutineBody) }, responses: { 200: json(z.object({ routine: Routine }), 'the routine with its next five fire times'), ...errors(400, 401, 403, 404, 409, 422) },
  }), async (c) => c.json({ routine: await setRoutine(context(c, ws), c.req.valid('param').id, c.req.valid('json')) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/routines', tags: ['sops'], summary: "Every routine of the tenant: its SOP, schedule, next five fire times and the last fire's outcome",
    responses: { 200: json(z.object({ routines: z.array(TenantRoutine) }), 'the routines, by SOP id'), ...errors(401, 403) },
  }), async (c) => c.json({ routines: await listRoutines(context(c, ws)) }, 200));
}

/** The list's query as SopQuery takes it (a repeated name is an array, as the generated validator passes it); none at all is `{}` without the schema. */
function sopQuery(c: Context<ServerEnv>): z.infer<typeof SopQuery> {
  if (!c.req.url.includes('?')) return {};
  const parsed = SopQuery.safeParse(Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0] : v])));
  if (!parsed.success) throw requestDoesNotFit(parsed.error.issues);
  return parsed.data;
}
