import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { Actor } from '@sopflow/service';
import { currentActor } from '../engine/current-actor.js';
import { AUDIT_KEY_HELP, engineCall, openEngine, storeOptionsOf } from '../engine/open-engine.js';
import { parseInputs } from '../engine/parse-data.js';
import { createProgressPrinter } from '../engine/print-progress.js';
import { handleInterrupts, INTERRUPTED } from '../engine/handle-interrupts.js';
import { promptTask, type PromptOutcome } from '../engine/prompt-task.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { createStyle } from '../output/style.js';
import { printJson } from '../output/print-json.js';

interface RunOptions { input: string[]; inputFile?: string; detach?: boolean; db?: string; json?: boolean; users?: string; graceMs: string }

/** `sopflow run FILE`: start a run; in a terminal show progress and ask for human steps inline; otherwise they wait as tasks. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a process: automated steps execute now; human steps are asked inline in a terminal, else wait as tasks')
    .argument('<file>', '.osop file')
    .option('--input <key=value>', 'a run input (repeatable; values are read as JSON when they parse)', (v: string, all: string[]) => [...all, v], [])
    .option('--input-file <file>', 'run inputs from a JSON or YAML file')
    .option('--detach', 'only record the run; `sopflow worker` executes it')
    .option('--db <path>', 'database file (default $SOPFLOW_DB or .sopflow/sopflow.db)')
    .option('--audit-key <file>', AUDIT_KEY_HELP)
    .option('--users <file>', 'users file checked against auth_level (default $SOPFLOW_USERS or .sopflow/users.yaml)')
    .option('--json', 'print { "id", "status" } only')
    .option('--grace-ms <ms>', 'on Ctrl-C / SIGTERM, how long steps in flight may finish before their processes are killed', '10000')
    .action(async (file: string, opts: RunOptions) => {
      const graceMs = Number(opts.graceMs);
      if (!Number.isInteger(graceMs) || graceMs < 0) throw new CliError('--grace-ms must be a non-negative integer');
      const { workflow, text } = loadWorkflowFile(file);
      const inputs = parseInputs(opts.input, opts.inputFile);
      const style = createStyle(process.stdout);
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && opts.detach !== true && opts.json !== true;
      // The run's id is known from its first stored events, so an interrupt can always name it.
      let startedRunId: string | undefined;
      const printer = opts.json === true ? undefined : createProgressPrinter(workflow, style, write);
      const session = await openEngine({
        ...storeOptionsOf(opts), ...(opts.users === undefined ? {} : { users: opts.users }), baseDir: dirname(file),
        onEvents: (id, events) => { startedRunId ??= id; printer?.(id, events); },
      });
      let left: PromptOutcome | undefined;
      let closePrompt: (() => void) | undefined;
      const watch = handleInterrupts(() => {
        process.stderr.write(`\ninterrupting: steps in flight have ${graceMs} ms to finish; Ctrl-C again to stop at once\n`);
        closePrompt?.();
        void session.engine.drain(graceMs);
      }, () => {
        if (startedRunId !== undefined) process.stderr.write(`interrupted: run ${startedRunId} is waiting; continue with \`sopflow resume ${startedRunId}\`\n`);
      });
      try {
        if (opts.json !== true) write(`${style.bold(workflow.name)} ${style.dim(`(${workflow.id})`)}`);
        const { contentHash } = await import('@sopflow/engine');
        const runId = await engineCall(() => session.engine.startRun({ workflow, text, hash: contentHash(text) }, inputs, { detach: opts.detach === true }));
        if (interactive) {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          closePrompt = () => rl.close();
          // Inline answers are given as the OS user's directory user, asked for only when a step needs a person.
          let actor: Actor | undefined;
          try {
            while (!watch.interrupted) {
              const open = await session.store.listTasks({ runId, status: 'open' });
              if (open.length === 0) break;
              if (actor === undefined) {
                try {
                  actor = await currentActor(session);
                } catch (error) {
                  // Not in the directory: nobody here may answer, so the run waits and says for whom.
                  if (!(error instanceof CliError)) throw error;
                  process.stderr.write(`sopflow: ${error.message}\n`);
                  process.exitCode = ExitCode.failed;
                  left = 'left-open';
                  break;
                }
              }
              const outcome = await promptTask(rl, session.engine, open[0], actor.name, write);
              if (outcome !== 'answered') {
                left = outcome;
                break;
              }
              await session.engine.settle();
            }
          } finally {
            closePrompt = undefined;
            rl.close();
          }
        }
        if (watch.interrupted) left = 'interrupted';
        const run = await session.store.getRun(runId);
        const status = run?.status ?? 'unknown';
        if (left === 'interrupted' || left === 'closed') {
          process.stderr.write(`\n${left === 'interrupted' ? 'interrupted' : 'input closed'}: run ${runId} is ${status}; continue with \`sopflow resume ${runId}\`${status === 'waiting' ? ' once its tasks are answered' : ''}\n`);
          process.exitCode = left === 'interrupted' ? INTERRUPTED : ExitCode.failed;
        }
        if (opts.json === true) {
          printJson({ id: runId, status });
        } else if (opts.detach === true) {
          write(`run ${runId} recorded; \`sopflow worker\` will execute it`);
        } else if (status === 'waiting' || status === 'running') {
          const open = await session.store.listTasks({ runId, status: 'open' });
          if (left === undefined || open.length > 0) write(`run ${runId} is ${status}${open.length === 0 ? ' (on a timer or a signal; `sopflow worker` continues it)' : ':'}`);
          for (const task of open) write(`  task ${task.id} (${task.kind}) ${task.title} — \`sopflow ${task.kind === 'approval' || task.kind === 'auth' ? 'approve' : 'task complete'} ${task.id}\``);
        }
        if (status === 'failed' || status === 'cancelled') process.exitCode = ExitCode.failed;
      } finally {
        watch.dispose();
        await session.close();
      }
    });
}
