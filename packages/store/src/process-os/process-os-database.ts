import type { StoreDatabase } from '../schema/database.js';

/** Table shapes of the Process OS tables (migration 0004) for kysely, beside the run store's tables. */
export interface ProcessOsTables {
  tenants: { id: string; slug: string; name: string; created_at: string };
  api_tokens: {
    id: string; tenant_id: string; user_name: string; scope: string; token_hash: string; created_at: string; revoked_at: string | null; last_used_at: string | null;
  };
  sessions: { id_hash: string; tenant_id: string; user_name: string; csrf_token: string; created_at: string; expires_at: string };
  workstreams: { id: string; tenant_id: string; name: string; created_at: string };
  sops: {
    id: string; tenant_id: string; workstream_id: string | null; workflow_id: string; title: string; description: string | null; status: string;
    allow_overlap: number; is_public: number; current_version_id: string; created_by: string; created_at: string; updated_at: string;
  };
  sop_versions: {
    id: string; tenant_id: string; sop_id: string; semver: string; content_hash: string; text: string; certification: string;
    approved_by: string | null; approved_at: string | null; created_by: string; created_at: string;
  };
  sop_runs: { run_id: string; tenant_id: string; sop_id: string; version_id: string; started_by: string; trigger: string; created_at: string };
  routines: {
    sop_id: string; tenant_id: string; schedule: string; timezone: string; enabled: number; overlap: string; next_fire_at: string | null;
    last_fired_at: string | null; updated_at: string; inputs: string;
  };
  routine_fires: { id: string; tenant_id: string; sop_id: string; scheduled_for: string; at: string; run_id: string | null; outcome: string; message: string | null };
  admin_audit: {
    id: string; tenant_id: string | null; at: string; actor: string; action: string; target: string; details: string | null;
    seq: number | null; prev_hash: string | null; hash: string | null;
  };
  admin_audit_heads: { tenant_key: string; seq: number; last_hash: string; scheme: string; head_mac: string | null };
  documents: { id: string; tenant_id: string; name: string; type: string; size: number; sha256: string; content: string; created_by: string; created_at: string };
  import_jobs: {
    id: string; tenant_id: string; document_id: string; status: string; drafts: string; error: string | null; created_by: string; created_at: string; updated_at: string;
  };
  journey_keys: { key: string; tenant_id: string; origins: string; created_by: string; created_at: string; revoked_at: string | null };
  journey_events: { id: string; tenant_id: string; session_id: string; step: string; at: string; outcome: string | null; agent: string | null; received_at: string };
}

/** The whole schema as the Process OS repositories see it: the run store's tables (users gain account columns) and the Process OS tables. */
export type ProcessOsDatabase = Omit<StoreDatabase, 'users'> & ProcessOsTables & {
  users: StoreDatabase['users'] & { tenant_id: string | null; email: string | null; password_hash: string | null };
};
