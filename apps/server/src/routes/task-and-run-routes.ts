import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { completeTenantTask, createWorkstream, getTenantRun, getTenantTask, listInbox, listWorkstreams, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { CompleteBody, IdParam, RunDetail, Task, TaskQuery, Workstream } from '../api-schemas.js';
import { errors, json } from './openapi-responses.js';
import { context } from '../request-context.js';


/** Tasks, runs and workstreams of the caller's tenant: thin adapters over the service. */
export function registerTaskAndRunRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/tasks', tags: ['tasks'], summary: "The tenant's tasks (open by default); the inbox of a step role (`role`) or of the caller (`for=me`)",
    request: { query: TaskQuery }, responses: { 200: json(z.object({ tasks: z.array(Task) }), 'the tasks'), ...errors(400, 401, 403) },
  }), async (c) => c.json({ tasks: await listInbox(context(c, ws), c.req.valid('query')) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/tasks/{id}', tags: ['tasks'], summary: 'One task',
    request: { params: IdParam }, responses: { 200: json(z.object({ task: Task }), 'the task'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ task: await getTenantTask(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/tasks/{id}/complete', tags: ['tasks'], summary: 'Complete a task as the caller (step role and auth level checked)',
    request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: CompleteBody } } } },
    responses: { 200: json(z.object({ task: Task, run: z.object({ id: z.string(), status: z.string() }) }), 'the task, completed'), ...errors(400, 401, 403, 404, 409, 422) },
  }), async (c) => c.json(await completeTenantTask(context(c, ws), c.req.valid('param').id, c.req.valid('json')), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/runs/{id}', tags: ['runs'], summary: 'One run with its step states and open tasks',
    request: { params: IdParam }, responses: { 200: json(z.object({ run: RunDetail }), 'the run'), ...errors(401, 403, 404) },
  }), async (c) => c.json({ run: await getTenantRun(context(c, ws), c.req.valid('param').id) }, 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/workstreams', tags: ['workstreams'], summary: "The tenant's workstreams",
    responses: { 200: json(z.object({ workstreams: z.array(Workstream) }), 'the workstreams'), ...errors(401, 403) },
  }), async (c) => c.json({ workstreams: await listWorkstreams(context(c, ws)) }, 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/workstreams', tags: ['workstreams'], summary: 'Create a workstream',
    request: { body: { required: true, content: { 'application/json': { schema: z.object({ name: z.string().min(1).max(200) }) } } } },
    responses: { 201: json(z.object({ workstream: Workstream }), 'the workstream'), ...errors(400, 401, 403) },
  }), async (c) => c.json({ workstream: await createWorkstream(context(c, ws), c.req.valid('json')) }, 201));
}
