import { contentHash, foldRun, isRunnable, toTaskRow, type AppendRequest, type RunEvent, type RunStore } from '@sopflow/engine';

/** The workflow text every sample run is pinned to, and its content hash. */
export const SAMPLE_WORKFLOW = 'id: wf\nnodes:\n  - id: check\n    type: human\n';
export const SAMPLE_HASH = contentHash(SAMPLE_WORKFLOW);

const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;

/**
 * The events of one realistic run, in decision batches, as the engine would write them: started,
 * a nurse's task opened (the run waits), completed, the step run, the run completed.
 */
export function sampleBatches(runId: string): RunEvent[][] {
  return [
    [
      { type: 'RunStarted', at: at(0), runId, workflowId: 'wf', contentHash: SAMPLE_HASH, inputs: {}, seed: 1, depth: 0 },
      { type: 'StepScheduled', at: at(0), nodeId: 'check', activation: 1, input: {} },
    ],
    [{ type: 'TaskOpened', at: at(1), taskId: `${runId}-t1`, nodeId: 'check', activation: 1, kind: 'work', phase: 'work', title: 'Check', role: 'nurse' }],
    [{ type: 'TaskCompleted', at: at(2), taskId: `${runId}-t1`, nodeId: 'check', by: 'ann', decision: 'done' }],
    [
      { type: 'StepStarted', at: at(3), nodeId: 'check', activation: 1, attempt: 1 },
      { type: 'StepCompleted', at: at(4), nodeId: 'check', activation: 1, attempt: 1, output: { ok: true }, next: [] },
    ],
    [{ type: 'RunCompleted', at: at(5), output: {} }],
  ];
}

/** Pure; the append for one batch on top of `before`, with the run summary and task rows the fold gives (as the engine computes them). */
export function sampleAppend(runId: string, before: readonly RunEvent[], batch: readonly RunEvent[]): AppendRequest {
  const after = foldRun([...before, ...batch], runId);
  const touched = new Set(batch.flatMap((e) => ('taskId' in e && typeof e.taskId === 'string' ? [e.taskId] : [])));
  return {
    runId, expectedVersion: before.length,
    events: batch.map((e) => ({ type: e.type, at: e.at, data: e })),
    run: {
      id: runId, workflowId: after.workflowId, workflowHash: after.contentHash, status: after.status, startedAt: after.startedAt, runnable: isRunnable(after),
      ...(after.endedAt === undefined ? {} : { endedAt: after.endedAt }),
    },
    tasksUpserted: [...touched].map((id) => toTaskRow(runId, after.tasks[id])),
    ...(before.length === 0 ? { workflow: { hash: SAMPLE_HASH, workflowId: 'wf', text: SAMPLE_WORKFLOW } } : {}),
  };
}

/** Appends the first `batches` decision batches of a sample run (all by default). */
export async function writeSampleRun(store: RunStore, runId: string, batches = 5): Promise<void> {
  const written: RunEvent[] = [];
  for (const batch of sampleBatches(runId).slice(0, batches)) {
    const outcome = await store.append(sampleAppend(runId, written, batch));
    if (!outcome.ok) throw new Error(`sample append for ${runId} conflicted at ${outcome.actualVersion}`);
    written.push(...batch);
  }
}
