import type { TaskRow } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { completeTask, type CompleteTaskInput } from '../runs/complete-task.js';
import { runStatusOf, type RunStatusView } from '../runs/get-run-status.js';
import { requireEngine } from '../runs/require-engine.js';
import type { StepView } from '../runs/run-views.js';
import { stepTimeline, type StepTiming } from './step-timeline.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** A task as the API shows it (the field names). */
export interface TenantTaskView {
  id: string; runId: string; stepId: string; kind: string; role: string | null; title: string; status: string;
  assignee: string | null; reason: string | null; dueAt: string | null; createdAt: string; form: unknown;
}

function taskOf(row: TaskRow): TenantTaskView {
  return {
    id: row.id, runId: row.runId, stepId: row.nodeId, kind: row.kind, role: row.role ?? null, title: row.title, status: row.status,
    assignee: row.assignee ?? null, reason: row.reason ?? null, dueAt: row.dueAt ?? null, createdAt: row.createdAt, form: row.form ?? null,
  };
}

/** The tenant's tasks (open by default; `all` for every status), oldest first, joined through the run ↔ SOP link. */
export async function listTenantTasks(ctx: ProcessContext, filter: { status?: string } = {}): Promise<TenantTaskView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  const status = filter.status ?? 'open';
  if (!['open', 'completed', 'cancelled', 'all'].includes(status)) throw new ServiceError('invalid_request', `status ${status}: use open, completed, cancelled or all`, { field: 'status' });
  const rows = await serviceCall(() => recordsOf(ctx.store).runs.listTasks(actor.tenantId, status === 'all' ? undefined : status));
  return rows.map(taskOf);
}

/** One task of the tenant; another tenant's task is not_found like a missing one. */
export async function getTenantTask(ctx: ProcessContext, taskId: string): Promise<TenantTaskView> {
  const actor = requirePermission(ctx, 'sops.read');
  const row = await serviceCall(() => ctx.store.getTask(taskId));
  const link = row === undefined ? undefined : await serviceCall(() => recordsOf(ctx.store).runs.find(actor.tenantId, row.runId));
  if (row === undefined || link === undefined) throw new ServiceError('not_found', `no task ${taskId}`, { taskId });
  return taskOf(row);
}

/** Completes a task of the tenant as the authenticated user (the engine checks the step role and auth level); returns the task and its run's status. */
export async function completeTenantTask(ctx: ProcessContext, taskId: string, input: CompleteTaskInput = {}): Promise<{ task: TenantTaskView; run: { id: string; status: string } }> {
  requirePermission(ctx, 'tasks.complete');
  await getTenantTask(ctx, taskId);
  const { onBehalfOf: _ignored, ...decision } = input;
  const done = await completeTask(ctx, taskId, decision);
  return { task: await getTenantTask(ctx, taskId), run: { id: done.run, status: done.status } };
}

/** A run as the API shows it: its status view with each step's times and performer, and its SOP link. */
export interface TenantRunView extends Omit<RunStatusView, 'steps'> {
  steps: (StepView & Omit<StepTiming, 'id'>)[];
  runId: string; sopId: string; versionId: string; trigger: string; startedBy: string;
}

/**
 * One run of the tenant with each step's live state, start and end, and who or what performed it
 * (from the run's events), and its open tasks; another tenant's run is not_found.
 */
export async function getTenantRun(ctx: ProcessContext, runId: string): Promise<TenantRunView> {
  const actor = requirePermission(ctx, 'sops.read');
  const link = await serviceCall(() => recordsOf(ctx.store).runs.find(actor.tenantId, runId));
  if (link === undefined || await serviceCall(() => ctx.store.getRun(runId)) === undefined) throw new ServiceError('not_found', `no run ${runId}`, { runId });
  const loaded = await serviceCall(() => requireEngine(ctx).getRun(runId));
  const status = await runStatusOf(ctx, loaded);
  const timings = new Map(stepTimeline(loaded.source.workflow, loaded.events).map((t) => [t.id, t]));
  const steps = status.steps.map((step) => {
    const t = timings.get(step.id);
    return { ...step, startedAt: t?.startedAt ?? null, endedAt: t?.endedAt ?? null, performedBy: t?.performedBy ?? null };
  });
  return { ...status, steps, runId, sopId: link.sopId, versionId: link.versionId, trigger: link.trigger, startedBy: link.startedBy };
}
