import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { completeTenantTask, getTenantTask, listTenantTasks, type TenantTaskView } from './tenant-tasks.js';
import { recordsOf, requirePermission, type ProcessContext, type TenantActor } from './tenant-actor.js';

/** A task in an inbox: the task and who claimed it (null while nobody has). */
export interface InboxTaskView extends TenantTaskView { claimedBy: string | null }

export interface InboxFilter {
  status?: string;
  /** Only tasks for this step role. */
  role?: string;
  /** `me`: tasks the caller may take (their step roles, named to them or claimed by them), not claimed by someone else. */
  for?: string;
}

/** Who claimed each task: the first `task.claim` row of the tenant per task (ties by id) wins. */
async function claimsOf(ctx: ProcessContext, tenantId: string, taskId?: string): Promise<Map<string, string>> {
  const rows = await serviceCall(() => recordsOf(ctx.store).audit.find(tenantId, 'task.claim', taskId));
  const claims = new Map<string, string>();
  for (const row of rows) if (!claims.has(row.target)) claims.set(row.target, (row.details as { user: string }).user);
  return claims;
}

/** Pure; true when the task is the actor's to take: their role, named to them, or a task for anyone. */
function mayTake(actor: TenantActor, task: TenantTaskView): boolean {
  if (task.assignee !== null) return task.assignee === actor.name;
  return task.role === null || actor.roles.includes(task.role);
}

/** The tenant's tasks as an inbox: by step role (`role`) and by user (`for: 'me'`), each with who claimed it. */
export async function listInbox(ctx: ProcessContext, filter: InboxFilter = {}): Promise<InboxTaskView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  if (filter.for !== undefined && filter.for !== 'me') throw new ServiceError('invalid_request', `for=${filter.for}: use for=me`, { field: 'for' });
  const tasks = await listTenantTasks(ctx, filter.status === undefined ? {} : { status: filter.status });
  const claims = await claimsOf(ctx, actor.tenantId);
  return tasks
    .map((t) => ({ ...t, claimedBy: claims.get(t.id) ?? null }))
    .filter((t) => filter.role === undefined || t.role === filter.role)
    .filter((t) => filter.for === undefined || (mayTake(actor, t) && (t.claimedBy === null || t.claimedBy === actor.name)));
}

/**
 * Claims an open task for the caller (needs tasks.complete and the task's step role, or the task
 * named to them). Claimed by someone else: conflict naming them; claiming again is a no-op. A claim
 * is a mark in the inbox, recorded in the tenant's audit log; it grants no authority the engine checks.
 */
export async function claimTenantTask(ctx: ProcessContext, taskId: string): Promise<InboxTaskView> {
  const actor = requirePermission(ctx, 'tasks.complete');
  const task = await getTenantTask(ctx, taskId);
  if (task.status !== 'open') throw new ServiceError('task_closed', `task ${taskId} is ${task.status}`, { taskId, status: task.status });
  if (!mayTake(actor, task)) throw new ServiceError('not_authorised', `task ${taskId} needs the role ${task.role ?? task.assignee}; ${actor.email} holds ${actor.roles.join(', ')}`, { task: taskId, role: task.role });
  let holder = (await claimsOf(ctx, actor.tenantId, taskId)).get(taskId);
  if (holder === undefined) {
    const at = new Date().toISOString();
    await serviceCall(() => recordsOf(ctx.store).audit.record({ id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'task.claim', target: taskId, details: { user: actor.name } }));
    holder = (await claimsOf(ctx, actor.tenantId, taskId)).get(taskId);
  }
  if (holder !== actor.name) throw new ServiceError('conflict', `task ${taskId} is claimed by ${holder}`, { taskId, claimedBy: holder });
  return { ...task, claimedBy: holder };
}

/**
 * Approves or denies an approval or review task as the caller (the engine checks the step role and
 * auth level); a denial needs a reason. A task claimed by someone else is conflict.
 */
export async function decideTenantTask(
  ctx: ProcessContext, taskId: string, decision: 'approved' | 'denied', input: { reason?: string; data?: Record<string, unknown> } = {},
): Promise<{ task: TenantTaskView; run: { id: string; status: string } }> {
  const actor = requirePermission(ctx, 'tasks.complete');
  const reason = input.reason?.trim();
  if (decision === 'denied' && (reason === undefined || reason === '')) throw new ServiceError('invalid_request', 'a denial needs a reason', { field: 'reason' });
  await getTenantTask(ctx, taskId);
  const holder = (await claimsOf(ctx, actor.tenantId, taskId)).get(taskId);
  if (holder !== undefined && holder !== actor.name) throw new ServiceError('conflict', `task ${taskId} is claimed by ${holder}`, { taskId, claimedBy: holder });
  return completeTenantTask(ctx, taskId, { decision, ...(reason === undefined || reason === '' ? {} : { reason }), ...(input.data === undefined ? {} : { data: input.data }) });
}
