import type { RunEvent } from '@sopflow/engine';
import type { Workflow } from '@sopflow/format';

/** When a step of a run started and ended, and who or what performed it. */
export interface StepTiming {
  id: string;
  /** The step's first scheduling in the run; null while not reached (or skipped without running). */
  startedAt: string | null;
  /** Its last completion, failure or skip; null while it has not ended (or started again, in a loop). */
  endedAt: string | null;
  /**
   * The person who completed it (`wes (entered by ada)` when an admin entered the decision for
   * them), else the executor kind of a machine step (`system`, `agent`, `cli`…); null before
   * anyone did.
   */
  performedBy: string | null;
}

/** Pure; each workflow step's times and performer, folded from the run's events (in order). */
export function stepTimeline(workflow: Workflow, events: readonly RunEvent[]): StepTiming[] {
  const timings = new Map(workflow.nodes.map((node) => [node.id, { id: node.id, startedAt: null, endedAt: null, performedBy: null } as StepTiming]));
  const kinds = new Map(workflow.nodes.map((node) => [node.id, node.type as string]));
  const enteredBy = new Map<string, string>();
  for (const event of events) {
    switch (event.type) {
      case 'StepScheduled':
      case 'StepStarted': {
        const t = timings.get(event.nodeId);
        if (t === undefined) break;
        t.startedAt ??= event.at;
        if (t.endedAt !== null && event.type === 'StepScheduled') t.endedAt = null;
        break;
      }
      case 'TaskCompleted': {
        const t = timings.get(event.nodeId);
        if (t === undefined) break;
        if (event.enteredBy === undefined) enteredBy.delete(event.nodeId); else enteredBy.set(event.nodeId, event.enteredBy);
        t.performedBy = personOf(event.by, event.enteredBy);
        break;
      }
      case 'StepCompleted':
      case 'StepFailed': {
        const t = timings.get(event.nodeId);
        if (t === undefined) break;
        t.endedAt = event.at;
        // A completion without a person is the machine's work (even after an approval); a failure keeps the person who denied it.
        if (event.type === 'StepCompleted') t.performedBy = event.by === undefined ? kinds.get(event.nodeId) ?? null : personOf(event.by, enteredBy.get(event.nodeId));
        else t.performedBy ??= kinds.get(event.nodeId) ?? null;
        break;
      }
      case 'StepSkipped': {
        const t = timings.get(event.nodeId);
        if (t !== undefined) t.endedAt = event.at;
        break;
      }
      default: break;
    }
  }
  return [...timings.values()];
}

function personOf(by: string, enteredBy: string | undefined): string {
  return enteredBy === undefined || enteredBy === by ? by : `${by} (entered by ${enteredBy})`;
}
