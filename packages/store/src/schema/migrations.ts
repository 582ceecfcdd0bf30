import type { Kysely, Migration, MigrationProvider } from 'kysely';
import { createProcessOsTables } from '../process-os/create-process-os-tables.js';
import { createDocumentTables } from '../process-os/document-records.js';
import { createJourneyTables } from '../process-os/journey-records.js';
import { addHubReporters, createHubTables } from '../process-os/hub-records.js';
import { createLearningTables } from '../process-os/learning-records.js';
import { createTrialTables } from '../process-os/trial-records.js';
import { createLoginFailureTables } from '../process-os/login-failure-records.js';
import { bumpOncePerSessionDelete, createChangeVersionTriggers } from './change-versions.js';
import { chainAdminAudit } from '../process-os/chain-admin-audit.js';

/** Schema migrations, written with kysely's schema builder so PostgreSQL runs the same ones. */
const migrations: Record<string, Migration> = {
  '0001_runs_events': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('workflows')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('runs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('workflow_hash', 'text', (c) => c.notNull().references('workflows.hash'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('parent_run_id', 'text')
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('runnable', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('runs_runnable').on('runs').column('runnable').execute();
      await db.schema.createIndex('runs_started').on('runs').columns(['started_at', 'id']).execute();
      await db.schema.createTable('events')
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('events_pk', ['run_id', 'seq'])
        .execute();
      await db.schema.createTable('timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('data', 'text')
        .execute();
      await db.schema.createIndex('timers_due').on('timers').columns(['due_at']).execute();
      await db.schema.createIndex('timers_run').on('timers').columns(['run_id']).execute();
      await db.schema.createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
        .addColumn('node_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('assignee', 'text')
        .addColumn('reason', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('form', 'text')
        .addColumn('due_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('completed_by', 'text')
        .addColumn('result', 'text')
        .execute();
      await db.schema.createIndex('tasks_status').on('tasks').columns(['status', 'role']).execute();
      await db.schema.createTable('leases')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0002_directory': {
    // The user directory and its version, plus what the keyed audit needs: the chain scheme and
    // head MAC of each run, store-wide facts (directory version, audit key id) and signed checkpoints.
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('users')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('level', 'text')
        .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('os_user', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createTable('store_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema.alterTable('runs').addColumn('chain_scheme', 'text', (c) => c.notNull().defaultTo('sha256')).execute();
      await db.schema.alterTable('runs').addColumn('head_mac', 'text').execute();
      await db.schema.createTable('audit_checkpoints')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('run_count', 'integer', (c) => c.notNull())
        .addColumn('heads_digest', 'text', (c) => c.notNull())
        .addColumn('heads', 'text', (c) => c.notNull())
        .addColumn('key_id', 'text', (c) => c.notNull())
        .addColumn('mac', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_lease_holder': {
    // Who holds a lease (host, pid, process start time) and the process groups its steps started.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('leases').addColumn('host', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('leases').addColumn('pid', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('leases').addColumn('process_started_at', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('leases').addColumn('children', 'text').execute();
    },
  },
  '0004_process_os': {
    // The Process OS server's tenancy (see src/process-os/): tenants, account fields on directory
    // users, API tokens, sessions, workstreams, SOPs and their immutable versions, the run ↔ SOP
    // link that scopes runs and tasks by tenant, routines and their fires, the admin audit log.
    async up(db: Kysely<unknown>) {
      await createProcessOsTables(db);
    },
  },
  '0005_lease_epoch': {
    // Fencing: each lease grant's epoch, which appends made under the lease must still match.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('leases').addColumn('epoch', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0006_sop_public': {
    // Discovery: an SOP is in the tenant's public `.sop` collection only when someone marked it public.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('sops').addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0007_documents': {
    // Uploaded documents (one per tenant and content hash) and the jobs importing them into draft SOPs.
    async up(db: Kysely<unknown>) {
      await createDocumentTables(db);
    },
  },
  '0008_journeys': {
    // Journey tracking: a tenant's public journey keys and the steps visitors took (no address, user agent or cookie stored).
    async up(db: Kysely<unknown>) {
      await createJourneyTables(db);
    },
  },
  '0009_hub': {
    // The SOP hub: names bound to a publisher's ed25519 key, immutable signed versions with their word index, run reports.
    async up(db: Kysely<unknown>) {
      await createHubTables(db);
    },
  },
  '0010_task_queues': {
    // Task queues: the queue a runnable run's pending work is on (claims filter by it through the index), and
    // the workers' heartbeat rows naming the queues each serves (status names a queue no live worker serves).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('runs').addColumn('queue', 'text', (c) => c.notNull().defaultTo('default')).execute();
      await db.schema.dropIndex('runs_runnable').execute();
      await db.schema.createIndex('runs_runnable_queue').on('runs').columns(['runnable', 'queue']).execute();
      await db.schema.createTable('workers')
        .addColumn('owner', 'text', (c) => c.primaryKey())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('pid', 'integer', (c) => c.notNull())
        .addColumn('queues', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0011_routine_fires_latest': {
    // The tenant's routine list reads each SOP's newest fire through this index (fires pile up, one a minute for some).
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('routine_fires_sop_at').on('routine_fires').columns(['tenant_id', 'sop_id', 'at']).execute();
    },
  },
  '0012_learning_decisions': {
    // Update-candidate decisions (the first stands, by primary key) and opportunity assumptions as tables of their own,
    // copied from the admin audit log that held them before; the log keeps recording each act.
    async up(db: Kysely<unknown>) {
      await createLearningTables(db);
    },
  },
  '0013_delegation_trials': {
    // Delegation trials recorded over the API: the agent's output beside the person's for one step, and whether they agreed.
    async up(db: Kysely<unknown>) {
      await createTrialTables(db);
    },
  },
  '0014_login_failures': {
    // Failed sign-ins in the store, so every server on one database rate-limits the same email and client.
    async up(db: Kysely<unknown>) {
      await createLoginFailureTables(db);
    },
  },
  '0015_hub_reporters': {
    // One standing run report per sender and hub version (a hash of the token, never the token), so reports replace, not pile up.
    async up(db: Kysely<unknown>) {
      await addHubReporters(db);
    },
  },
  '0016_routine_fire_message': {
    // Why a routine fire failed (the service error's code and message), so the routine list can say it.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('routine_fires').addColumn('message', 'text').execute();
    },
  },
  '0017_routine_inputs': {
    // The inputs a routine starts its runs with (a JSON object, checked against the SOP's declared inputs when set and at each fire).
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('routines').addColumn('inputs', 'text', (c) => c.notNull().defaultTo('{}')).execute();
    },
  },
  '0018_incremental_checkpoints': {
    // Audit checkpoints sign only the runs changed since the one before, each linked to its predecessor's MAC
    // (prev_mac; NULL on the full checkpoints written before); audit_heads tells the next checkpoint which runs changed.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('audit_checkpoints').addColumn('prev_mac', 'text').execute();
      await db.schema.createTable('audit_heads')
        .addColumn('run_id', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('last_hash', 'text', (c) => c.notNull())
        .addColumn('checkpoint_seq', 'integer', (c) => c.notNull())
        .execute();
    },
  },
  '0019_change_versions': {
    // Store-wide change versions in store_meta (credentials; each tenant's library) bumped by triggers in the changing
    // transaction, whoever changes it, so every server's caches see other processes' changes (PostgreSQL also NOTIFYs).
    async up(db: Kysely<unknown>) {
      await createChangeVersionTriggers(db);
    },
  },
  '0020_admin_audit_chain': {
    // The admin audit log becomes a hash chain per tenant (seq, prev_hash, hash) with a keyed head MAC in admin_audit_heads;
    // the rows already there are chained once, in (at, id) order.
    async up(db: Kysely<unknown>) {
      await chainAdminAudit(db);
    },
  },
  '0021_session_sweep_bump': {
    // A DELETE of sessions (the sign-in's sweep of expired ones above all) moves the credentials version once, not once a row.
    async up(db: Kysely<unknown>) {
      await bumpOncePerSessionDelete(db);
    },
  },
  '0022_sops_tenant_order': {
    // The library is read in id order within a tenant: a page reads `limit` index entries (no sort of every SOP of the
    // tenant), and the first page's COUNT(*) and page ends (row_number() over the ids) read only this index.
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('sops_tenant_id').on('sops').columns(['tenant_id', 'id']).execute();
    },
  },
};

export const storeMigrations: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
