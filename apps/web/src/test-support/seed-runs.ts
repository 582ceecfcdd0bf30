import { eventually } from '../../../server/src/test-support/server-fixture';
import type { InProcessServer } from './in-process-server';

/**
 * Starts a run of a ticket SOP (seed-sops) through the API and waits for its review task; with
 * `finish`, completes that task as ops@acme.test and waits for the run to complete. Returns the run id.
 */
export async function seedRun(server: InProcessServer, sopId: string, options: { finish?: boolean } = {}): Promise<string> {
  const { client } = server;
  const { runId } = await client.post<{ runId: string }>(`/api/sops/${sopId}/run`, {});
  const tasks = await eventually(() => client.get<{ tasks: { id: string; runId: string }[] }>('/api/tasks'), (r) => r.tasks.some((t) => t.runId === runId));
  if (options.finish !== true) return runId;
  const task = tasks.tasks.find((t) => t.runId === runId)!;
  await client.post(`/api/tasks/${task.id}/complete`, { data: { ticket: 'T-7' } });
  await eventually(() => client.get<{ run: { status: string } }>(`/api/runs/${runId}`), (r) => r.run.status === 'completed');
  return runId;
}
