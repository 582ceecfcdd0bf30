import type { Interface } from 'node:readline/promises';
import type { Engine } from '@sopflow/engine';
import type { TaskRow } from '@sopflow/store';

interface FormSchema {
  properties?: Record<string, { type?: string; enum?: unknown[]; description?: string; title?: string }>;
  required?: string[];
}

/**
 * Asks a person for one task in the terminal: approve/deny with a reason, "did this happen?",
 * or each form field in turn (numbers and booleans converted). Returns true when the engine took it,
 * false when this person may not answer it (below its auth_level): it stays open as a task.
 */
export async function promptTask(rl: Interface, engine: Engine, task: TaskRow, by: string, write: (line: string) => void): Promise<boolean> {
  write(`\n  ${task.title}${task.role === undefined ? '' : ` (${task.role})`}${task.reason === undefined ? '' : ` — ${task.reason}`}`);
  for (;;) {
    try {
      if (task.kind === 'approval' || task.kind === 'auth') {
        const yes = await yesNo(rl, '  approve? [y/n] ');
        const reason = yes ? undefined : (await rl.question('  reason: ')).trim();
        await engine.completeTask(task.id, { by, decision: yes ? 'approved' : 'denied', ...(reason === undefined ? {} : { reason }) });
      } else if (task.kind === 'did-this-happen') {
        const yes = await yesNo(rl, '  did it happen? [y/n] ');
        await engine.completeTask(task.id, { by, decision: yes ? 'done' : 'not_done' });
      } else {
        const form = (task.form ?? {}) as FormSchema;
        const data: Record<string, unknown> = {};
        for (const [field, spec] of Object.entries(form.properties ?? {})) {
          const required = form.required?.includes(field) === true;
          const hint = spec.enum !== undefined ? ` (${spec.enum.join('/')})` : spec.type === undefined ? '' : ` (${spec.type})`;
          const answer = (await rl.question(`  ${spec.title ?? field}${hint}${required ? '' : ' [optional]'}: `)).trim();
          if (answer === '' && !required) continue;
          data[field] = convert(answer, spec.type);
        }
        if (Object.keys(form.properties ?? {}).length === 0 && !(await yesNo(rl, '  done? [y/n] '))) {
          await engine.completeTask(task.id, { by, decision: 'not_done', reason: (await rl.question('  reason: ')).trim() });
          return true;
        }
        await engine.completeTask(task.id, { by, decision: 'done', data });
      }
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'auth_level_too_low') {
        write(`  ${(error as Error).message} — left open as a task`);
        return false;
      }
      write(`  ${(error as Error).message} — try again`);
    }
  }
}

async function yesNo(rl: Interface, question: string): Promise<boolean> {
  for (;;) {
    const answer = (await rl.question(question)).trim().toLowerCase();
    if (answer === 'y' || answer === 'yes') return true;
    if (answer === 'n' || answer === 'no') return false;
  }
}

function convert(answer: string, type: string | undefined): unknown {
  if (type === 'number' || type === 'integer') return Number(answer);
  if (type === 'boolean') return ['y', 'yes', 'true', '1'].includes(answer.toLowerCase());
  return answer;
}
