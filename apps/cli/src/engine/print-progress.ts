import type { RunEvent } from '@sopflow/engine';
import type { Workflow } from '@sopflow/format';
import type { Style } from '../output/style.js';

/** One line per step as it finishes, waits or escalates: the live view of `sopflow run`. */
export function createProgressPrinter(workflow: Workflow, style: Style, write: (line: string) => void): (runId: string, events: readonly RunEvent[]) => void {
  const names = new Map(workflow.nodes.map((n) => [n.id, n.name]));
  const started = new Map<string, number>();
  const name = (id: string) => names.get(id) ?? id;
  const took = (id: string, at: string) => {
    const from = started.get(id);
    if (from === undefined) return '';
    const ms = Math.max(0, Date.parse(at) - from);
    return style.dim(` (${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`})`);
  };
  return (runId, events) => {
    for (const event of events) {
      switch (event.type) {
        case 'StepScheduled': started.set(event.nodeId, Date.parse(event.at)); break;
        case 'StepCompleted': write(`  ${style.green('✔')} ${name(event.nodeId)}${event.by === undefined ? '' : style.dim(` by ${event.by}`)}${took(event.nodeId, event.at)}`); break;
        case 'StepFailed': write(`  ${style.red('✖')} ${name(event.nodeId)}: ${event.error.code} ${event.error.message}${event.next.length > 0 ? style.dim(` → ${event.next.join(', ')}`) : ''}`); break;
        case 'StepSkipped': write(`  ${style.dim(`- ${name(event.nodeId)} skipped (${event.reason.replace(/_/g, ' ')})`)}`); break;
        case 'StepRetryScheduled': write(`  ${style.yellow('↻')} ${name(event.nodeId)}: attempt ${event.nextAttempt} in ${event.delaySec} s`); break;
        case 'TaskOpened': write(`  ${style.yellow('⏸')} ${event.title} — ${event.kind} task ${event.taskId}${event.role === undefined ? '' : ` for ${event.role}`}`); break;
        case 'Escalated': write(`  ${style.yellow('!')} ${name(event.nodeId)} escalated: ${event.reason} — ${event.message}`); break;
        case 'RunCompleted': write(`${style.green('run')} ${runId} ${style.green('completed')}`); break;
        case 'RunFailed': write(`${style.red('run')} ${runId} ${style.red('failed')}: ${event.error.code} ${event.error.message}`); break;
        case 'RunCancelled': write(`run ${runId} cancelled: ${event.reason}`); break;
        default: break;
      }
    }
  };
}
