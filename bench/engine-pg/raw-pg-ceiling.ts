import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * The raw PostgreSQL ceiling: a bare `pg` loop writing, per step, what sopflow writes (three event rows
 * with JSON data and a SHA-256 chain in one multi-row INSERT, the run row read FOR UPDATE and updated) in
 * one transaction per step, on `connections` clients at once (each driving its share of the runs).
 * Runs in `schema`, whose tables the store created; run ids start with `prefix` (one per process sharing the schema). Returns step-commits per second.
 */
export async function rawPgCeiling(url: string, schema: string, connections: number, runs: number, steps: number, prefix = 'raw'): Promise<{ stepsPerSec: number; latencies: number[] }> {
  const clients = await Promise.all(Array.from({ length: connections }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`SET search_path TO ${schema}`);
    return client;
  }));
  const first = clients[0];
  await first.query(`INSERT INTO workflows (hash, workflow_id, text, created_at) VALUES ('raw', 'raw', 'raw', $1) ON CONFLICT DO NOTHING`, [new Date().toISOString()]);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(clients.map(async (client, c) => {
    while (next < runs) {
      const runId = `${prefix}-${connections}-${c}-${next++}`;
      await client.query({ name: 'run', text: `INSERT INTO runs (id, workflow_id, workflow_hash, status, parent_run_id, started_at, ended_at, runnable, version, last_hash)
        VALUES ($1, 'raw', 'raw', 'running', NULL, $2, NULL, 0, 0, '')`, values: [runId, new Date().toISOString()] });
      for (let n = 0; n < steps; n++) {
        const t0 = performance.now();
        await client.query('BEGIN');
        const head = (await client.query({ name: 'head', text: 'SELECT version, last_hash FROM runs WHERE id = $1 FOR UPDATE', values: [runId] })).rows[0] as { version: number; last_hash: string };
        let prev = head.last_hash;
        let seq = head.version;
        const at = new Date().toISOString();
        const values: unknown[] = [];
        for (const type of ['StepCompleted', 'StepScheduled', 'StepStarted']) {
          seq += 1;
          const data = JSON.stringify({ type, at, nodeId: `s${n}`, activation: 1, attempt: 1, input: { i: n }, output: { i: n }, next: [`s${n + 1}`] });
          const hash = createHash('sha256').update(`${prev}\n${runId}\n${seq}\n${type}\n${at}\n${data}`).digest('hex');
          values.push(runId, seq, type, data, at, prev, hash);
          prev = hash;
        }
        await client.query({ name: 'events', text: `INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash) VALUES
          ($1, $2, $3, $4, $5, $6, $7), ($8, $9, $10, $11, $12, $13, $14), ($15, $16, $17, $18, $19, $20, $21)`, values });
        await client.query({ name: 'head-update', text: 'UPDATE runs SET version = $1, last_hash = $2, status = $3 WHERE id = $4', values: [seq, prev, n + 1 === steps ? 'completed' : 'running', runId] });
        await client.query('COMMIT');
        latencies.push(performance.now() - t0);
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(clients.map((client) => client.end()));
  return { stepsPerSec: (runs * steps) / seconds, latencies };
}
