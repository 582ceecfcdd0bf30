import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  approveSopUpdateCandidate, changeStepDelegation, createPortfolioCache, debriefSop, editOpportunityAssumptions, getSopDelegation, listTenantOpportunities,
  rejectSopUpdateCandidate, type PortfolioOptions, type Workspace,
} from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import { DelegationState, IdParam, SopVersion } from '../api-schemas.js';
import type { ChangeFeed } from '../change-feed.js';
import { context } from '../request-context.js';
import { body, errors, json, optionalJson } from './openapi-responses.js';

const Subject = z.object({ id: z.string(), title: z.string(), workflowId: z.string(), versionId: z.string(), semver: z.string() }).openapi('LearningSubject');

const Assumption = z.object({ value: z.number(), unit: z.string(), source: z.enum(['measured', 'given', 'default']), note: z.string() });

const UpdateCandidate = z.object({
  id: z.string().openapi({ description: 'Stable: a hash of the proposed change and the version it was proposed against', example: 'uc_3f9a0c1d2e4b5a69' }),
  versionId: z.string().openapi({ description: 'The version the candidate was proposed against' }),
  title: z.string(), pattern: z.string(), change: z.object({ op: z.string(), nodeId: z.string() }).passthrough(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decision: z.object({ by: z.string(), at: z.string(), reason: z.string().optional(), draftVersionId: z.string().optional() }).nullable()
    .openapi({ description: 'Who approved or rejected it and when (the reason of a rejection; the draft an approval made); null while pending' }),
}).passthrough().openapi('UpdateCandidate');

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
  edited: z.object({ by: z.string(), at: z.string() }).nullable().openapi({ description: "Who last edited this opportunity's assumptions (edited figures are `given`)" }),
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

const CandidateParams = IdParam.extend({ candidateId: z.string().min(1).max(200).openapi({ param: { name: 'candidateId', in: 'path' }, example: 'uc_3f9a0c1d2e4b5a69' }) });
const StepParams = IdParam.extend({ stepId: z.string().min(1).max(200).openapi({ param: { name: 'stepId', in: 'path' }, example: 'review' }) });
const OpportunityParam = z.object({ id: z.string().min(1).max(400).openapi({ param: { name: 'id', in: 'path' }, description: 'SOP_ID#STEP_ID, the # sent as %23', example: 'sop_0mbx1c2d3a1b2c3d4e5f6%23review' }) });

const DelegationChange = z.object({
  direction: z.enum(['promote', 'demote']),
  to: DelegationState.optional().openapi({ description: 'Demotion only: the rung to go back to (default what the evidence says, else one down)' }),
  reason: z.string().min(1).max(2000),
  override: z.boolean().optional().openapi({ description: 'Go ahead without the evidence: owners and admins only, recorded' }),
});
const DelegationDecision = z.object({
  at: z.string(), status: z.literal('proposed'), sopId: z.string(), workflow: z.string(), nodeId: z.string(), direction: z.enum(['promote', 'demote']),
  from: DelegationState, to: DelegationState, reason: z.string(), override: z.boolean(), by: z.string(),
  fromVersionId: z.string(), fromVersion: z.string(), versionId: z.string(), toVersion: z.string(), notes: z.array(z.string()),
  evidence: z.object({ runs: z.number().int(), executions: z.number().int(), summary: z.array(z.string()) }).passthrough(),
}).openapi('DelegationDecision');
const AssumptionEdit = z.object({
  assumptions: z.record(z.string(), z.union([z.number(), z.string()])).openapi({
    description: 'Figures to set: costPerHour, timeSavedShare, automationShare, runningCostPerExecution, fixedMonthlyCost, frequencyPerMonth, minHistoryDays (numbers), currency (ISO code)',
    example: { costPerHour: 65, timeSavedShare: 0.7 },
  }),
});

const Period = z.object({
  from: z.string().optional().openapi({ description: 'ISO date or time: runs that started at or after it', example: '2026-03-01' }),
  to: z.string().optional().openapi({ description: 'ISO date or time: runs that started before it', example: '2026-04-01' }),
});

/**
 * Learning from a tenant's runs: an SOP's debrief over a period, its delegation readiness, the
 * tenant's opportunities (cached per tenant until the change feed sees a run event); and acting on
 * it: approve or reject an update candidate, promote or demote a step, edit an opportunity's assumptions.
 */
export function registerLearningRoutes(app: OpenAPIHono<ServerEnv>, ws: Workspace, feed?: ChangeFeed): void {
  const cache = createPortfolioCache();
  const portfolioOptions = async (): Promise<PortfolioOptions> => {
    if (feed === undefined) return {};
    await feed.poll();
    return { cache, changeMark: String(feed.stats().lastId) };
  };

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/debrief', tags: ['learning'], summary: "Debrief of the SOP's finished runs over a period: adherence, deviation classes, outcome figures, update candidates",
    request: { params: IdParam, query: Period }, responses: { 200: json(Debrief, 'the debrief'), ...errors(400, 401, 403, 404) },
  }), async (c) => c.json(await debriefSop(context(c, ws), c.req.valid('param').id, c.req.valid('query')), 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/update-candidates/{candidateId}/approve', tags: ['learning'],
    summary: 'Approve an update candidate: a NEW DRAFT version with the change applied (the published version is untouched; publish the draft later)',
    request: { params: CandidateParams, ...body(Period, false) }, responses: { 201: json(z.object({ version: SopVersion }), 'the new draft version'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const { id, candidateId } = c.req.valid('param');
    return c.json(await approveSopUpdateCandidate(context(c, ws), id, candidateId, optionalJson(await c.req.text(), Period)), 201);
  });

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/update-candidates/{candidateId}/reject', tags: ['learning'],
    summary: 'Reject an update candidate with a reason: recorded with who and when; never proposed again for that version',
    request: { params: CandidateParams, ...body(Period.extend({ reason: z.string().max(2000).optional().openapi({ description: 'Why (required: 400 naming `reason` without one)' }) })) }, responses: { 200: json(z.object({ candidate: UpdateCandidate }), 'the rejected candidate'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const { id, candidateId } = c.req.valid('param');
    return c.json(await rejectSopUpdateCandidate(context(c, ws), id, candidateId, c.req.valid('json')), 200);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/sops/{id}/delegation', tags: ['learning'], summary: "Per step delegation evidence and readiness, and the SOP's opportunities",
    request: { params: IdParam }, responses: { 200: json(Delegation, 'the readiness'), ...errors(401, 403, 404) },
  }), async (c) => c.json(await getSopDelegation(context(c, ws), c.req.valid('param').id), 200));

  app.openapi(createRoute({
    method: 'post', path: '/api/sops/{id}/steps/{stepId}/delegation', tags: ['learning'],
    summary: "Promote or demote a step on the delegation ladder: a NEW DRAFT version with its delegation_state changed, the evidence checked by the CLI's rule (409 not_enough_evidence)",
    request: { params: StepParams, ...body(DelegationChange) },
    responses: { 201: json(z.object({ version: SopVersion, decision: DelegationDecision }), 'the new draft version and the decision'), ...errors(400, 401, 403, 404, 409) },
  }), async (c) => {
    const { id, stepId } = c.req.valid('param');
    return c.json(await changeStepDelegation(context(c, ws), id, stepId, c.req.valid('json')), 201);
  });

  app.openapi(createRoute({
    method: 'get', path: '/api/opportunities', tags: ['learning'], summary: "The tenant's ranked portfolio of delegation opportunities (every default in assumptions)",
    responses: { 200: json(Portfolio, 'the portfolio'), ...errors(401, 403) },
  }), async (c) => c.json(await listTenantOpportunities(context(c, ws), await portfolioOptions()), 200));

  app.openapi(createRoute({
    method: 'patch', path: '/api/opportunities/{id}', tags: ['learning'], summary: "Edit an opportunity's assumptions (stored for the tenant with who and when); answers with it recomputed and ranked",
    request: { params: OpportunityParam, ...body(AssumptionEdit) },
    responses: { 200: json(z.object({ opportunity: Portfolio.shape.items.element }), 'the opportunity recomputed'), ...errors(400, 401, 403, 404, 422) },
  }), async (c) => c.json(await editOpportunityAssumptions(context(c, ws), c.req.valid('param').id, c.req.valid('json').assumptions, await portfolioOptions()), 200));
}
