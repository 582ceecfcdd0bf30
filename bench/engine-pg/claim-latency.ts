import { createEngine, type WorkflowSource } from '@sopflow/engine';
import type { RunStore } from '@sopflow/store';
import { queryTestServer } from '../../packages/store/src/test-support/postgres-test-schema.js';

/**
 * Claim latency against a history: writes `historyRuns` completed runs of 10 events each straight into the
 * schema (one INSERT … generate_series per table), starts `runnable` detached runs, then times `samples`
 * `claimRuns(…, limit 1)` calls, releasing each claimed lease again. Returns the latencies in ms.
 */
export async function claimLatency(store: RunStore, schema: string, source: WorkflowSource, historyRuns: number, runnable: number, samples: number): Promise<number[]> {
  const engine = createEngine({ store });
  if (historyRuns > 0) {
    const at = new Date().toISOString();
    await queryTestServer(`INSERT INTO ${schema}.workflows (hash, workflow_id, text, created_at) VALUES ('history', 'history', 'history', $1) ON CONFLICT DO NOTHING`, [at]);
    await queryTestServer(`INSERT INTO ${schema}.runs (id, workflow_id, workflow_hash, status, parent_run_id, started_at, ended_at, runnable, version, last_hash)
      SELECT 'h-' || g, 'history', 'history', 'completed', NULL, $1, $1, 0, 10, md5(g::text) FROM generate_series(1, $2) g`, [at, historyRuns]);
    await queryTestServer(`INSERT INTO ${schema}.events (run_id, seq, type, data, at, prev_hash, hash)
      SELECT 'h-' || r, s, 'StepCompleted', '{"type":"StepCompleted","nodeId":"s' || s || '","output":{}}', $1, md5(r::text || (s - 1)::text), md5(r::text || s::text)
      FROM generate_series(1, $2) r, generate_series(1, 10) s`, [at, historyRuns]);
    await queryTestServer(`ANALYZE ${schema}.runs`);
    await queryTestServer(`ANALYZE ${schema}.events`);
  }
  for (let i = 0; i < runnable; i++) await engine.startRun(source, {}, { detach: true });
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const [runId] = await store.claimRuns(engine.holder, new Date(), 10_000, 1);
    latencies.push(performance.now() - t0);
    if (runId === undefined) throw new Error('nothing to claim');
    await store.releaseLease(runId, engine.owner);
  }
  return latencies;
}
