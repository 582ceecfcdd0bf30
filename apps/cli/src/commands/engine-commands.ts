import type { Command } from 'commander';
import { registerApproveCommands } from './approve.js';
import { registerAuditCommand } from './audit.js';
import { registerDbCommand } from './db.js';
import { registerDemoCommand } from './demo.js';
import { registerLogCommand } from './log.js';
import { registerResumeCommands } from './resume.js';
import { registerRunCommand } from './run.js';
import { registerRunsCommand } from './runs.js';
import { registerSignalCommand } from './signal.js';
import { registerStatusCommand } from './status.js';
import { registerTaskCommand } from './task.js';
import { registerTasksCommand } from './tasks.js';
import { registerUsersCommand } from './users.js';
import { registerWorkerCommand } from './worker.js';

/** Registers the commands that run processes: run, runs, status, tasks, task, approve, deny, signal, resume, cancel, worker, log, audit, demo, users, db. */
export function registerEngineCommands(program: Command): void {
  registerRunCommand(program);
  registerRunsCommand(program);
  registerStatusCommand(program);
  registerTasksCommand(program);
  registerTaskCommand(program);
  registerApproveCommands(program);
  registerSignalCommand(program);
  registerResumeCommands(program);
  registerWorkerCommand(program);
  registerLogCommand(program);
  registerAuditCommand(program);
  registerDemoCommand(program);
  registerUsersCommand(program);
  registerDbCommand(program);
}
