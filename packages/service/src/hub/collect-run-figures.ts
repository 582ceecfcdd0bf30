import type { RunStore, RunSummary } from '@sopflow/engine';
import { loadWorkflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { HubRunReport } from './report-to-hub.js';

/**
 * A run report from the local store: the finished runs (completed or failed; cancelled runs say
 * nothing about the procedure) of workflow `name` pinned to `version` — their count, how many
 * completed, and the nearest-rank p50 and p95 of their durations. Nothing else leaves: no run id,
 * person or input. No such runs is `empty`.
 */
export async function collectRunFigures(store: RunStore, name: string, version: string): Promise<HubRunReport> {
  const finished = [...await store.listRuns({ status: 'completed' }), ...await store.listRuns({ status: 'failed' })].filter((r) => r.workflowId === name);
  const versions = new Map<string, string | undefined>();
  const runs: RunSummary[] = [];
  for (const run of finished) {
    if (!versions.has(run.workflowHash)) {
      const text = await store.readWorkflow(run.workflowHash);
      versions.set(run.workflowHash, text === undefined ? undefined : loadWorkflow(text).workflow?.version);
    }
    if (versions.get(run.workflowHash) === version && run.endedAt !== undefined) runs.push(run);
  }
  if (runs.length === 0) throw new ServiceError('empty', `no finished runs of ${name}@${version} in this store to report`, { name, version });
  const durations = runs.map((r) => Math.max(0, Date.parse(r.endedAt!) - Date.parse(r.startedAt))).sort((a, b) => a - b);
  const rank = (q: number) => durations[Math.max(0, Math.ceil(q * durations.length) - 1)]!;
  return { name, version, runs: runs.length, succeeded: runs.filter((r) => r.status === 'completed').length, p50Ms: rank(0.5), p95Ms: rank(0.95) };
}
