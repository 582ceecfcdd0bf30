import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listDelegationTrials, recordDelegationTrial, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';
import { body, errors, json } from './openapi-responses.js';

const StepParams = IdParam.extend({ stepId: z.string().min(1).max(200).openapi({ param: { name: 'stepId', in: 'path' }, example: 'review' }) });
const Outputs = z.record(z.string(), z.unknown());
const TrialBody = z.object({
  agentOutput: Outputs.openapi({ description: 'What the agent would have answered (its shadow output)', example: { route: 'manual', amount: 120 } }),
  personOutput: Outputs.openapi({ description: 'What the person decided for the same case', example: { route: 'manual', amount: 120 } }),
  runId: z.string().min(1).max(200).optional().openapi({ description: "The SOP's run whose step the trial shadowed" }),
  note: z.string().max(2000).optional(),
});
const Trial = z.object({
  id: z.string(), sopId: z.string(), stepId: z.string(), versionId: z.string(), runId: z.string().nullable(),
  agentOutput: z.unknown(), personOutput: z.unknown(), agreed: z.boolean(),
  fields: z.array(z.object({ field: z.string(), measure: z.string(), agreed: z.boolean(), detail: z.string() })).openapi({ description: 'The field-by-field comparison (compareOutputs) that decided agreed' }),
  note: z.string().nullable(), recordedBy: z.string(), at: z.string(),
}).openapi('DelegationTrial');

/** Delegation trials of a step: record the agent's output beside the person's (compared as a shadow step is), and list them. */
export function registerTrialRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/steps/{stepId}/trials', tags: ['learning'],
    summary: "Record a delegation trial of a trialing step: the agent's output beside the person's decision; agreement judged field by field (tasks.complete)",
    request: { params: StepParams, ...body(TrialBody) },
    responses: { 201: json(z.object({ trial: Trial }), 'the trial, with whether the outputs agreed'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const { id, stepId } = c.req.valid('param');
    return c.json({ trial: await recordDelegationTrial(context(c, ws), id, stepId, c.req.valid('json')) }, 201);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/steps/{stepId}/trials', tags: ['learning'], summary: "The step's recorded trials, oldest first, and how many agreed",
    request: { params: StepParams }, responses: { 200: json(z.object({ trials: z.array(Trial), agreed: z.number().int() }), 'the trials'), ...errors(401, 403, 404) },
  }), async (c) => {
    const { id, stepId } = c.req.valid('param');
    return c.json(await listDelegationTrials(context(c, ws), id, stepId), 200);
  });
}
