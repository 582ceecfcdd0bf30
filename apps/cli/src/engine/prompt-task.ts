import type { Interface } from 'node:readline/promises';
import type { Engine } from '@sopflow/engine';
import type { TaskRow } from '@sopflow/store';

interface FormSchema {
  properties?: Record<string, { type?: string; enum?: unknown[]; description?: string; title?: string }>;
  required?: string[];
}

/**
 * How a prompt ended: `answered` (the engine took it), `left-open` (this person may not answer it,
 * e.g. below its auth_level), `interrupted` (Ctrl-C) or `closed` (Ctrl-D / end of input). In the
 * last three the task stays open and nothing was recorded.
 */
export type PromptOutcome = 'answered' | 'left-open' | 'interrupted' | 'closed';

/** Thrown out of a question when the person leaves (Ctrl-C, Ctrl-D, closed input). */
class PromptLeft extends Error {
  constructor(readonly how: 'interrupted' | 'closed') {
    super(how);
  }
}

/**
 * Asks a person for one task in the terminal: approve/deny with a reason, "did this happen?",
 * or each form field in turn (numbers and booleans converted). Ctrl-C and Ctrl-D stop asking at
 * once (never "try again" on a closed terminal).
 */
export async function promptTask(rl: Interface, engine: Engine, task: TaskRow, by: string, write: (line: string) => void): Promise<PromptOutcome> {
  write(`\n  ${task.title}${task.role === undefined ? '' : ` (${task.role})`}${task.reason === undefined ? '' : ` — ${task.reason}`}`);
  const left = new AbortController();
  let how: 'interrupted' | 'closed' | undefined;
  const onInterrupt = () => { how ??= 'interrupted'; left.abort(); };
  const onClose = () => { how ??= 'closed'; left.abort(); };
  rl.on('SIGINT', onInterrupt);
  rl.on('close', onClose);
  try {
    return await askUntilTaken(ask, engine, task, by, write);
  } catch (error) {
    if (error instanceof PromptLeft) return error.how;
    throw error;
  } finally {
    rl.off('SIGINT', onInterrupt);
    rl.off('close', onClose);
  }

  async function ask(question: string): Promise<string> {
    if (left.signal.aborted) throw new PromptLeft(how ?? 'closed');
    try {
      return await rl.question(question, { signal: left.signal });
    } catch {
      // Aborted by Ctrl-C / Ctrl-D, or the interface was already closed (end of input).
      throw new PromptLeft(how ?? 'closed');
    }
  }
}

type Ask = (question: string) => Promise<string>;

async function askUntilTaken(ask: Ask, engine: Engine, task: TaskRow, by: string, write: (line: string) => void): Promise<PromptOutcome> {
  for (;;) {
    try {
      if (task.kind === 'approval' || task.kind === 'auth') {
        const yes = await yesNo(ask, '  approve? [y/n] ');
        const reason = yes ? undefined : (await ask('  reason: ')).trim();
        await engine.completeTask(task.id, { by, decision: yes ? 'approved' : 'denied', ...(reason === undefined ? {} : { reason }) });
      } else if (task.kind === 'did-this-happen') {
        const yes = await yesNo(ask, '  did it happen? [y/n] ');
        await engine.completeTask(task.id, { by, decision: yes ? 'done' : 'not_done' });
      } else {
        const form = (task.form ?? {}) as FormSchema;
        const data: Record<string, unknown> = {};
        for (const [field, spec] of Object.entries(form.properties ?? {})) {
          const required = form.required?.includes(field) === true;
          const hint = spec.enum !== undefined ? ` (${spec.enum.join('/')})` : spec.type === undefined ? '' : ` (${spec.type})`;
          const answer = (await ask(`  ${spec.title ?? field}${hint}${required ? '' : ' [optional]'}: `)).trim();
          if (answer === '' && !required) continue;
          data[field] = convert(answer, spec.type);
        }
        if (Object.keys(form.properties ?? {}).length === 0 && !(await yesNo(ask, '  done? [y/n] '))) {
          await engine.completeTask(task.id, { by, decision: 'not_done', reason: (await ask('  reason: ')).trim() });
          return 'answered';
        }
        await engine.completeTask(task.id, { by, decision: 'done', data });
      }
      return 'answered';
    } catch (error) {
      if (error instanceof PromptLeft) throw error;
      if ((error as { code?: unknown }).code === 'auth_level_too_low') {
        write(`  ${(error as Error).message} — left open as a task`);
        return 'left-open';
      }
      write(`  ${(error as Error).message} — try again`);
    }
  }
}

async function yesNo(ask: Ask, question: string): Promise<boolean> {
  for (;;) {
    const answer = (await ask(question)).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
  }
}

function convert(answer: string, type: string | undefined): unknown {
  if (type === 'number' || type === 'integer') return Number(answer);
  if (type === 'boolean') return ['y', 'yes', 'true', '1'].includes(answer.toLowerCase());
  return answer;
}
