/** Table shapes for kysely; one definition for SQLite and (later) PostgreSQL. Times are ISO 8601 text. */
export interface StoreDatabase {
  workflows: { hash: string; workflow_id: string; text: string; created_at: string };
  runs: {
    id: string;
    workflow_id: string;
    workflow_hash: string;
    status: string;
    parent_run_id: string | null;
    started_at: string;
    ended_at: string | null;
    runnable: number;
    /** The queue of the run's pending work (`runQueue`); 'default' for rows written before task queues. */
    queue: string;
    version: number;
    last_hash: string;
    /** 'sha256' (written before the store was keyed) or 'hmac-sha256'. */
    chain_scheme: string;
    head_mac: string | null;
  };
  events: { run_id: string; seq: number; type: string; data: string; at: string; prev_hash: string; hash: string };
  timers: { id: string; run_id: string; due_at: string; purpose: string; data: string | null };
  tasks: {
    id: string;
    run_id: string;
    node_id: string;
    kind: string;
    status: string;
    role: string | null;
    assignee: string | null;
    reason: string | null;
    title: string;
    form: string | null;
    due_at: string | null;
    created_at: string;
    completed_at: string | null;
    completed_by: string | null;
    result: string | null;
  };
  users: { name: string; roles: string; level: string | null; admin: number; os_user: string | null; created_at: string; updated_at: string };
  store_meta: { key: string; value: string };
  /** prev_mac: the MAC of the checkpoint before (chained, covering the runs changed since); NULL on a full checkpoint written before 0018. */
  audit_checkpoints: { seq: number; at: string; run_count: number; heads_digest: string; heads: string; key_id: string; mac: string; prev_mac: string | null };
  /** Each run's head as the newest checkpoint covering it signed it: unsigned, only what tells the next checkpoint which runs changed. */
  audit_heads: { run_id: string; version: number; last_hash: string; checkpoint_seq: number };
  workers: { owner: string; host: string; pid: number; queues: string; expires_at: number };
  leases: { run_id: string; owner: string; expires_at: number; host: string; pid: number; process_started_at: number; children: string | null; epoch: number };
}
