import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * The raw ceiling: a bare better-sqlite3 loop writing, per step, what sopflow writes (three event
 * rows with JSON data and a SHA-256 chain, and the run row update) in one transaction per step,
 * with the same pragmas and schema. Returns step-commits per second.
 */
export function rawCeiling(file: string, synchronous: 'NORMAL' | 'FULL', runs: number, steps: number): { stepsPerSec: number; seconds: number } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.prepare('INSERT OR IGNORE INTO workflows (hash, workflow_id, text, created_at) VALUES (?, ?, ?, ?)').run('raw', 'raw', 'raw', new Date().toISOString());
  const insertRun = db.prepare(`INSERT INTO runs (id, workflow_id, workflow_hash, status, parent_run_id, started_at, ended_at, runnable, version, last_hash)
    VALUES (?, 'raw', 'raw', 'running', NULL, ?, NULL, 0, 0, '')`);
  const head = db.prepare<[string], { version: number; last_hash: string }>('SELECT version, last_hash FROM runs WHERE id = ?');
  const insertEvent = db.prepare('INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const updateRun = db.prepare('UPDATE runs SET version = ?, last_hash = ?, status = ? WHERE id = ?');
  const step = db.transaction((runId: string, n: number) => {
    const current = head.get(runId)!;
    let prev = current.last_hash;
    let seq = current.version;
    const at = new Date().toISOString();
    for (const type of ['StepCompleted', 'StepScheduled', 'StepStarted']) {
      seq += 1;
      const data = JSON.stringify({ type, at, nodeId: `s${n}`, activation: 1, attempt: 1, input: { i: n }, output: { i: n }, next: [`s${n + 1}`] });
      const hash = createHash('sha256').update(`${prev}\n${runId}\n${seq}\n${type}\n${at}\n${data}`).digest('hex');
      insertEvent.run(runId, seq, type, data, at, prev, hash);
      prev = hash;
    }
    updateRun.run(seq, prev, n + 1 === steps ? 'completed' : 'running', runId);
  });
  const started = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) {
    const runId = `raw-${r}`;
    insertRun.run(runId, new Date().toISOString());
    for (let n = 0; n < steps; n++) step.immediate(runId, n);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { stepsPerSec: (runs * steps) / seconds, seconds };
}
