import { DEFAULT_AUTH_LEVELS, type Workflow } from '@sopflow/format';
import type { TaskRow } from '../ports/run-records.js';
import type { Directory } from '../ports/directory.js';
import { EngineError } from './engine-error.js';

/** What the decision records about the approver's level. */
export interface LevelCheck {
  levelVerified?: boolean;
  level?: string;
}

/**
 * For an approval/authorisation task on a node with `auth_level`: with a directory, refuses a person
 * below that level (auth_level_too_low, nothing recorded); without one, says the level was not verified.
 */
export function checkAuthLevel(workflow: Workflow, task: TaskRow, by: string, directory: Directory | undefined): LevelCheck {
  if (task.kind !== 'approval' && task.kind !== 'auth') return {};
  const required = workflow.nodes.find((n) => n.id === task.nodeId)?.authLevel;
  if (required === undefined) return {};
  if (directory === undefined) return { levelVerified: false };
  const levels: readonly string[] = workflow.authLevels.length > 0 ? workflow.authLevels : DEFAULT_AUTH_LEVELS;
  const level = directory.levelOf(by);
  const need = levels.indexOf(required);
  const have = level === undefined ? -1 : levels.indexOf(level);
  if (need < 0 || have < need) {
    const who = level === undefined ? `${by} has no level in the user directory` : `${by} is ${level}`;
    throw new EngineError('auth_level_too_low', `task ${task.id} needs ${required} or above; ${who}`, { required, level: level ?? null });
  }
  return { levelVerified: true, level: level! };
}
