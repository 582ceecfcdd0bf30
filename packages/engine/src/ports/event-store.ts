/**
 * Ports the engine uses to persist runs. They are defined next to their implementations in
 * @sopflow/store (memory and SQLite; PostgreSQL follows) and re-exported here for the engine's readers.
 */
export type { EventStore, RunIndex, TaskInbox, WorkQueue, RunStore } from '@sopflow/store';
