import { DEFAULT_AUTH_LEVELS, type Workflow } from '@sopflow/format';
import type { TaskRow } from '../ports/run-records.js';
import type { Directory } from '../ports/directory.js';

/** What a completed task records about the check: the level the person held and the directory version it was read from. */
export interface TaskAuthority {
  ok: true;
  /** Set where the step has `auth_level`: the person's level, confirmed. */
  level?: string;
  levelVerified?: true;
  directoryVersion: number;
}

/** Why the person may not complete the task; nothing is recorded. */
export interface TaskRefusal {
  ok: false;
  code: 'not_authorised' | 'auth_level_too_low';
  message: string;
  details: { task: string; user: string; role?: string; assignee?: string; approvers?: string[]; required?: string; level?: string | null };
}

/**
 * Pure; the one rule for who may complete a task: a holder of its role (or its named assignee),
 * and where the step has `auth_level`, someone at that level or above (levels ordered by the
 * workflow's `authLevels`, else the format's defaults). A task with neither role nor assignee is
 * open to anyone with a role or level in the directory. An approval whose gate names its `approvers`
 * is given by one of them only (holding the role is not enough: the requester may hold it too).
 */
export function checkTaskAuthority(workflow: Workflow, task: TaskRow, user: string, directory: Directory): TaskAuthority | TaskRefusal {
  const roles = directory.rolesOf(user);
  const level = directory.levelOf(user);
  const base = { task: task.id, user };
  if (roles.length === 0 && level === undefined) {
    return { ok: false, code: 'not_authorised', message: `${user} has no role or level in the user directory, so cannot complete task ${task.id}`, details: base };
  }
  const node = workflow.nodes.find((n) => n.id === task.nodeId);
  // An authorisation task without an approver role is addressed to the level itself: the level check below decides.
  const role = task.role !== undefined && task.role === node?.authLevel && task.role !== node.approvalGate?.approverRole && task.role !== node.role ? undefined : task.role;
  const approvers = task.kind === 'approval' || task.kind === 'auth' ? node?.approvalGate?.approvers ?? [] : [];
  if (approvers.length > 0 && !approvers.includes(user)) {
    return { ok: false, code: 'not_authorised', message: `task ${task.id} is approved only by ${approvers.join(', ')}; ${user} is not one of them`, details: { ...base, approvers: [...approvers] } };
  }
  const isAssignee = (task.assignee !== undefined && task.assignee === user) || approvers.includes(user);
  if (!isAssignee && (role !== undefined || task.assignee !== undefined)) {
    if (role === undefined || !roles.includes(role)) {
      const needs = [role === undefined ? undefined : `the role ${role}`, task.assignee === undefined ? undefined : `to be ${task.assignee}`].filter((x) => x !== undefined).join(' or ');
      const holds = roles.length === 0 ? 'holds no role' : `holds ${roles.join(', ')}`;
      return {
        ok: false, code: 'not_authorised', message: `task ${task.id} needs ${needs}; ${user} ${holds}`,
        details: { ...base, ...(role === undefined ? {} : { role }), ...(task.assignee === undefined ? {} : { assignee: task.assignee }) },
      };
    }
  }
  const required = node?.authLevel;
  if (required === undefined) return { ok: true, directoryVersion: directory.version };
  const levels: readonly string[] = workflow.authLevels.length > 0 ? workflow.authLevels : DEFAULT_AUTH_LEVELS;
  const need = levels.indexOf(required);
  const have = level === undefined ? -1 : levels.indexOf(level);
  if (need < 0 || have < need) {
    const who = level === undefined ? `${user} has no level in the user directory` : `${user} is ${level}`;
    return { ok: false, code: 'auth_level_too_low', message: `task ${task.id} needs ${required} or above; ${who}`, details: { ...base, required, level: level ?? null } };
  }
  return { ok: true, level: level!, levelVerified: true, directoryVersion: directory.version };
}
