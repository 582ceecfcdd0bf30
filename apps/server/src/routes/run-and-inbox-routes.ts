import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { cancelTenantRun, claimTenantTask, decideTenantTask, getTenantRunLog, listTenantRuns, readRunEvents, verifyTenantRunAudit, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam, Task } from '../api-schemas.js';
import { context } from '../request-context.js';
import { body, errors, json, optionalJson } from './openapi-responses.js';

const RunSummary = z.object({
  id: z.string(), runId: z.string(), status: z.string(), startedAt: z.string(), endedAt: z.string().nullable(), trigger: z.string(),
  sopId: z.string(), versionId: z.string(), startedBy: z.string(),
}).openapi('RunSummary');
const RunQuery = z.object({
  status: z.enum(['starting', 'running', 'waiting', 'completed', 'failed', 'cancelled']).optional(),
  sopId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(400).optional(),
});
const RunEvent = z.object({ seq: z.number().int(), type: z.string(), at: z.string(), data: z.unknown() });
const Decided = z.object({ task: Task, run: z.object({ id: z.string(), status: z.string() }) });
const AuditReport = z.object({
  ok: z.boolean(), runsChecked: z.number(), eventsChecked: z.number(), keyed: z.boolean(), keyId: z.string().optional(), unkeyedRuns: z.array(z.string()), workflowsChecked: z.number(),
  breaks: z.array(z.object({ runId: z.string(), seq: z.number(), problem: z.string(), message: z.string(), workflowHash: z.string().optional() })),
  checkpoint: z.object({ seq: z.number(), at: z.string(), runCount: z.number(), adminLogCount: z.number().optional(), ok: z.boolean() }).optional(),
}).openapi('AuditReport');
const CancelBody = z.object({ reason: z.string().max(2000).optional() });

/** Runs (list, cancel, events as JSON, `.osoplog`, audit chain) and the task actions beside complete (claim, approve, deny). */
export function registerRunAndInboxRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/runs', tags: ['runs'], summary: "The tenant's runs, newest first (status, sopId, cursor)",
    request: { query: RunQuery }, responses: { 200: json(z.object({ runs: z.array(RunSummary), nextCursor: z.string().nullable() }), 'a page of runs'), ...errors(400, 401, 403) },
  }), async (c) => c.json(await listTenantRuns(context(c, ws), c.req.valid('query')), 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/runs/{id}/cancel', tags: ['runs'], summary: 'Cancel a run (open tasks close; steps in flight are skipped)',
    request: { params: IdParam, ...body(CancelBody, false) },
    responses: { 200: json(z.object({ run: z.object({ id: z.string(), status: z.string() }) }), 'the run, cancelled'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const input = optionalJson(await c.req.text(), CancelBody);
    const done = await cancelTenantRun(context(c, ws), c.req.valid('param').id, input);
    return c.json({ run: { id: done.run, status: done.status } }, 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}/history', tags: ['runs'], summary: "The run's stored events as JSON (after `after`)",
    request: { params: IdParam, query: z.object({ after: z.coerce.number().int().min(0).optional() }) },
    responses: { 200: json(z.object({ events: z.array(RunEvent), status: z.string(), finished: z.boolean() }), 'the events'), ...errors(400, 401, 403, 404) },
  }), async (c) => c.json(await readRunEvents(context(c, ws), c.req.valid('param').id, c.req.valid('query').after ?? 0), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}/osoplog', tags: ['runs'], summary: 'The run as an .osoplog execution record (download; `?format=json`)',
    request: { params: IdParam, query: z.object({ format: z.enum(['yaml', 'json']).optional() }) },
    responses: { 200: { description: 'the .osoplog', content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: z.unknown() } } }, ...errors(400, 401, 403, 404) },
  }), async (c) => {
    const format = c.req.valid('query').format ?? 'yaml';
    const log = await getTenantRunLog(context(c, ws), c.req.valid('param').id, format);
    return c.body(log.text, 200, {
      'content-type': format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8', 'content-disposition': `attachment; filename="${log.fileName}"`,
    });
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}/audit', tags: ['runs'], summary: "The run's audit chain recomputed: ok, or the breaks (changed, missing, inserted events …)",
    request: { params: IdParam }, responses: { 200: json(z.object({ audit: AuditReport }), 'the verification'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ audit: await verifyTenantRunAudit(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/tasks/{id}/claim', tags: ['tasks'], summary: 'Claim an open task for the caller (their step role); 409 when someone else has',
    request: { params: IdParam }, responses: { 200: json(z.object({ task: Task.extend({ claimedBy: z.string().nullable() }) }), 'the task, claimed'), ...errors(401, 403, 404, 409) },
  }), async (c) => c.json({ task: await claimTenantTask(context(c, ws), c.req.valid('param').id) }, 200));

  const ApproveBody = z.object({ reason: z.string().max(2000).optional(), data: z.record(z.string(), z.unknown()).optional() });
  app.openapi(createRoute({
    method: 'post', path: '/api/tasks/{id}/approve', tags: ['tasks'], summary: 'Approve an approval or review (step role and auth level checked)',
    request: { params: IdParam, ...body(ApproveBody, false) }, responses: { 200: json(Decided, 'the task, approved'), ...errors(400, 401, 403, 404, 409, 422) },
  }), async (c) => c.json(await decideTenantTask(context(c, ws), c.req.valid('param').id, 'approved', optionalJson(await c.req.text(), ApproveBody)), 200));

  const DenyBody = z.object({ reason: z.string().min(1).max(2000) });
  app.openapi(createRoute({
    method: 'post', path: '/api/tasks/{id}/deny', tags: ['tasks'], summary: 'Deny an approval or review, with a reason',
    request: { params: IdParam, ...body(DenyBody) }, responses: { 200: json(Decided, 'the task, denied'), ...errors(400, 401, 403, 404, 409, 422) },
  }), async (c) => c.json(await decideTenantTask(context(c, ws), c.req.valid('param').id, 'denied', c.req.valid('json')), 200));
}
