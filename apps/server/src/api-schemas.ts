import { z } from '@hono/zod-openapi';
import { DELEGATION_STATES, type DelegationState as DelegationStateName } from '@sopflow/format';
import { SOP_PAGE_MAX } from '@sopflow/service';

/** The one error body: `{ error: { code, message, details } }`. */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
}).openapi('Error');

export const IdParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' }, example: 'sop_0mbx1c2d3a1b2c3d4e5f6' }) });

const Version = z.object({
  id: z.string(), semver: z.string(), contentHash: z.string(), certification: z.string(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
});

const RunRef = z.object({ id: z.string(), status: z.string(), startedAt: z.string(), endedAt: z.string().nullable() });
const RunHandle = RunRef.extend({ runId: z.string(), trigger: z.string() });

/** Where a step stands on the way to delegation (`delegation_state`): the format's DELEGATION_STATES. */
export const DelegationState = z.enum(DELEGATION_STATES as [DelegationStateName, ...DelegationStateName[]]);
const DelegationMix = z.object(Object.fromEntries(DELEGATION_STATES.map((state) => [state, z.number().int()])) as Record<DelegationStateName, z.ZodNumber>)
  .openapi('DelegationMix', { description: "The current version's steps counted by delegation_state (as the SOP's steps show it); every state present, 0 when none" });

export const SopSummary = z.object({
  id: z.string(), title: z.string(), description: z.string().nullable(), status: z.string(), workstreamId: z.string().nullable(), workflowId: z.string(),
  allowOverlap: z.boolean(), public: z.boolean(), version: Version, createdAt: z.string(), updatedAt: z.string(),
  stepCount: z.number().int().openapi({ description: "Steps in the current version's workflow" }),
  delegation: DelegationMix,
  lastRun: RunRef.nullable().openapi({ description: 'The newest run (null before the first)' }),
}).openapi('SopSummary');

export const SopStep = z.object({
  id: z.string(), title: z.string(), sequence_order: z.number().int(), role: z.string().nullable(), type: z.string(),
  delegation_state: DelegationState, state: z.enum(['todo', 'now', 'done', 'blocked']),
}).openapi('SopStep');

export const SopInput = z.object({
  name: z.string(), description: z.string().nullable(), required: z.boolean(), type: z.string().nullable(), schema: z.unknown(), secret: z.boolean(),
}).openapi('SopInput');
const RoutineInputs = z.record(z.string(), z.unknown()).openapi({ description: 'The inputs each fire starts its run with' });

export const SopDetail = SopSummary.extend({
  steps: z.array(SopStep),
  run: RunHandle.nullable().openapi({ description: 'The run in flight, else the newest run: the one the step states come from' }),
  runs: z.array(RunHandle).openapi({ description: 'The 20 most recent runs, newest first' }),
  inputs: z.array(SopInput).openapi({ description: "The current version's declared run inputs; a secret one is never filled by a routine" }),
  routine: z.object({
    enabled: z.boolean(), schedule: z.string(), timezone: z.string(), overlap: z.string(), nextFireAt: z.string().nullable(), lastFiredAt: z.string().nullable(),
    inputs: RoutineInputs,
  }).nullable(),
}).openapi('SopDetail');

export const SopList = z.object({
  sops: z.array(SopSummary),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional().openapi({ description: 'On the first page (no cursor) only: how many SOPs match the query in all' }),
  pageCursors: z.array(z.string()).optional().openapi({
    description: 'On the first page (no cursor) only: the cursor of every later page at this limit, in order (the first is nextCursor), to ask for them all at once',
  }),
});
export const SopQuery = z.object({
  status: z.enum(['draft', 'active', 'archived']).optional(),
  workstreamId: z.string().optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(SOP_PAGE_MAX).optional().openapi({ description: `SOPs a page, 1 to ${SOP_PAGE_MAX}; default 50` }),
  cursor: z.string().max(400).optional(),
});
export const CreateSopBody = z.object({
  osop: z.string().min(1).openapi({ description: 'The .osop document (YAML or JSON text)' }),
  workstreamId: z.string().optional(),
  allowOverlap: z.boolean().optional(),
});
export const RunBody = z.object({ inputs: z.record(z.string(), z.unknown()).optional() });
export const RunStarted = z.object({ runId: z.string(), parentSessionId: z.string(), status: z.string() });
export const RoutineBody = z.object({
  enabled: z.boolean(), schedule: z.string().max(200).optional(), timezone: z.string().max(100).optional(), overlap: z.enum(['skip', 'queue', 'allow']).optional(),
  inputs: RoutineInputs.optional().openapi({
    description: "The inputs each fire starts its run with (replacing those stored); checked against the SOP's declared inputs (422 naming each problem), never secrets",
  }),
});
export const Routine = z.object({
  sopId: z.string(), enabled: z.boolean(), schedule: z.string().nullable(), timezone: z.string(), overlap: z.string(),
  nextFireTimes: z.array(z.string()), lastFiredAt: z.string().nullable(), inputs: RoutineInputs,
}).openapi('Routine');
export const TenantRoutine = Routine.extend({
  schedule: z.string(), sopTitle: z.string(), sopStatus: z.string(),
  lastFire: z.object({ scheduledFor: z.string(), at: z.string(), outcome: z.string(), runId: z.string().nullable(), message: z.string().nullable() }).nullable()
    .openapi({ description: 'The newest recorded fire (started with its run, skipped_in_flight, failed with its message); null before the first' }),
}).openapi('TenantRoutine');
export const ImportBody = z.object({ documentId: z.string().min(1) });

export const Task = z.object({
  id: z.string(), runId: z.string(), stepId: z.string(), kind: z.string(), role: z.string().nullable(), title: z.string(), status: z.string(),
  assignee: z.string().nullable(), reason: z.string().nullable(), dueAt: z.string().nullable(), createdAt: z.string(), form: z.unknown(),
  claimedBy: z.string().nullable().optional(),
}).openapi('Task');
export const TaskQuery = z.object({
  status: z.enum(['open', 'completed', 'cancelled', 'all']).optional(),
  role: z.string().max(200).optional().openapi({ description: "Only tasks of this step role (the role's inbox)" }),
  for: z.literal('me').optional().openapi({ description: "The caller's inbox: tasks of their step roles or named to them, not claimed by someone else" }),
});
export const CompleteBody = z.object({
  data: z.record(z.string(), z.unknown()).optional(),
  decision: z.enum(['done', 'not_done', 'approved', 'denied']).optional(),
  reason: z.string().max(2000).optional(),
});

export const RunDetail = z.object({
  id: z.string(), runId: z.string(), sopId: z.string(), versionId: z.string(), workflow: z.string(), status: z.string(), started_at: z.string(),
  ended_at: z.string().nullable(), waiting_for: z.array(z.string()), trigger: z.string(), startedBy: z.string(),
  steps: z.array(z.object({
    id: z.string(), state: z.enum(['todo', 'now', 'done', 'blocked']), attempts: z.number(), detail: z.string(),
    startedAt: z.string().nullable().openapi({ description: 'First scheduled in this run; null while not reached' }),
    endedAt: z.string().nullable().openapi({ description: 'Completed, failed or skipped; null while not ended' }),
    performedBy: z.string().nullable().openapi({
      description: "The person who completed it ('wes (entered by ada)' when entered for them), else the executor kind of a machine step; null before anyone did",
    }),
  })),
  tasks: z.array(z.unknown()), entered: z.array(z.unknown()), error: z.object({ code: z.string(), message: z.string() }).nullable(),
}).openapi('Run');

export const LoginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });
export const Me = z.object({
  user: z.object({ email: z.string(), tenantId: z.string(), tenantName: z.string(), roles: z.array(z.string()), accountRoles: z.array(z.string()), via: z.string() }),
  csrfToken: z.string().nullable(),
  hub: z.boolean().openapi({ description: 'This server is also an SOP hub (sopflow serve --hub): /api/hub/* answers' }),
});
export const Workstream = z.object({ id: z.string(), name: z.string(), createdAt: z.string() }).openapi('Workstream');

/** One immutable version of an SOP (draft until published). */
export const SopVersion = z.object({
  id: z.string(), sopId: z.string(), semver: z.string(), contentHash: z.string(), certification: z.string(), state: z.enum(['draft', 'published']),
  current: z.boolean(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(), createdBy: z.string(), createdAt: z.string(),
}).openapi('SopVersion');
