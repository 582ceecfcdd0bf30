import type { OpenAPIHono } from '@hono/zod-openapi';
import { readStoreGauges, type Workspace } from '@sopflow/service';
import type { ServerEnv } from '../authenticate-request.js';
import type { ChangeFeed } from '../change-feed.js';
import { createStepLatency } from '../step-latency.js';

/**
 * `GET /metrics` (outside /api, no credentials; counts only, no names or ids): Prometheus text —
 * runs by status, the work queue's depth (runnable runs), open tasks, SSE listeners, and a step
 * latency histogram from the change feed (each scrape polls it once, so nothing is missed between scrapes).
 */
export function registerMetricsRoute(app: OpenAPIHono<ServerEnv>, ws: Workspace, feed: ChangeFeed): void {
  const latency = createStepLatency();
  feed.tap((change) => latency.observe(change));
  app.get('/metrics', async (c) => {
    await feed.poll();
    const gauges = await readStoreGauges(ws.store);
    const lines = [
      '# HELP sopflow_runs Runs in the store by status.', '# TYPE sopflow_runs gauge',
      ...Object.entries(gauges.runsByStatus).map(([status, n]) => `sopflow_runs{status="${status}"} ${n}`),
      '# HELP sopflow_queue_depth Runs a worker has something to do for.', '# TYPE sopflow_queue_depth gauge', `sopflow_queue_depth ${gauges.runnable}`,
      '# HELP sopflow_open_tasks Tasks waiting for a person.', '# TYPE sopflow_open_tasks gauge', `sopflow_open_tasks ${gauges.openTasks}`,
      '# HELP sopflow_sse_listeners Open server-sent event streams.', '# TYPE sopflow_sse_listeners gauge', `sopflow_sse_listeners ${feed.stats().subscribers}`,
      latency.render(),
    ];
    return c.body(`${lines.join('\n')}\n`, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}
