import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { debriefSop, getSopDelegation, listTenantOpportunities, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { IdParam } from '../api-schemas.js';
import { context } from '../request-context.js';
import { errors, json } from './openapi-responses.js';

const Subject = z.object({ id: z.string(), title: z.string(), workflowId: z.string(), versionId: z.string(), semver: z.string() }).openapi('LearningSubject');

const Assumption = z.object({ value: z.number(), unit: z.string(), source: z.enum(['measured', 'given', 'default']), note: z.string() });

const UpdateCandidate = z.object({ id: z.string(), title: z.string() }).passthrough();

const Debrief = z.object({
  sop: Subject,
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  runsRead: z.number().int(),
  report: z.object({
    workflowId: z.string(),
    runs: z.number().int(),
    adherence: z.object({ runRate: z.number(), meanFitness: z.number().optional(), perStep: z.array(z.object({ nodeId: z.string(), runsWithDeviation: z.number(), rate: z.number() })) }).passthrough(),
    deviations: z.array(z.object({ runId: z.string(), class: z.string(), rule: z.string() }).passthrough()),
    classes: z.record(z.string(), z.number()),
    outcomes: z.object({ approvalDenied: z.array(z.string()), cancelled: z.array(z.string()) }),
    correlations: z.array(z.object({ pattern: z.string() }).passthrough()).openapi({ description: "Outcome figures per deviation pattern with Fisher's exact p" }),
    updateCandidates: z.array(UpdateCandidate),
  }).passthrough(),
}).openapi('SopDebrief');

const StepReadiness = z.object({
  nodeId: z.string(), name: z.string(), scope: z.string(), state: z.string().optional(), suggestedState: z.string().optional(),
  executions: z.number().int(), threshold: z.number(), summary: z.array(z.string()),
}).passthrough();

const Opportunity = z.object({
  id: z.string(), nodeId: z.string(), state: z.string(), suggestedState: z.string(), monthlyValue: z.number().optional(), potentialMonthlyValue: z.number().optional(),
  rank: z.number().int(), cumulativeValue: z.number(), assumptions: z.record(z.string(), Assumption),
}).passthrough();

const Delegation = z.object({
  sop: Subject,
  runs: z.number().int(),
  history: z.object({ runs: z.number().int(), spanDays: z.number(), enough: z.boolean(), note: z.string() }),
  policy: z.object({}).passthrough(),
  steps: z.array(StepReadiness),
  portfolio: z.object({ items: z.array(Opportunity), excluded: z.array(z.object({ nodeId: z.string(), reason: z.string() })), totalValue: z.number() }),
}).openapi('SopDelegation');

const Portfolio = z.object({
  items: z.array(Opportunity.extend({ sopId: z.string(), sopTitle: z.string(), workflowId: z.string() })),
  excluded: z.array(z.object({ sopId: z.string(), nodeId: z.string(), reason: z.string() })),
  withoutRuns: z.array(z.string()),
  totalValue: z.number(),
}).openapi('TenantPortfolio');

const Period = z.object({
  from: z.string().optional().openapi({ description: 'ISO date or time: runs that started at or after it', example: '2026-03-01' }),
  to: z.string().optional().openapi({ description: 'ISO date or time: runs that started before it', example: '2026-04-01' }),
});

/** Learning from a tenant's runs: an SOP's debrief over a period, its delegation readiness, the tenant's opportunities. Reads only. */
export function registerLearningRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace): void {
  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/debrief', tags: ['learning'], summary: "Debrief of the SOP's finished runs over a period: adherence, deviation classes, outcome figures, update candidates",
    request: { params: IdParam, query: Period }, responses: { 200: json(Debrief, 'the debrief'), ...errors(400, 401, 403, 404) },
  }), async (c) => c.json(await debriefSop(context(c, ws), c.req.valid('param').id, c.req.valid('query')), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/delegation', tags: ['learning'], summary: "Per step delegation evidence and readiness, and the SOP's opportunities",
    request: { params: IdParam }, responses: { 200: json(Delegation, 'the readiness'), ...errors(401, 403, 404) },
  }), async (c) => c.json(await getSopDelegation(context(c, ws), c.req.valid('param').id), 200));

  app.openapi(createRoute({
    method: 'get', path: '/api/opportunities', tags: ['learning'], summary: "The tenant's ranked portfolio of delegation opportunities (every default in assumptions)",
    responses: { 200: json(Portfolio, 'the portfolio'), ...errors(401, 403) },
  }), async (c) => c.json(await listTenantOpportunities(context(c, ws)), 200));
}
