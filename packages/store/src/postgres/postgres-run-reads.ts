import type pg from 'pg';
import type { Selectable } from 'kysely';
import type { StoreDatabase } from '../schema/database.js';
import type { StoreReads } from '../schema/create-store-reads.js';
import { toRunSummary, toStoredEvent, toTimerRow } from '../schema/row-mapping.js';

// The reads a worker makes for every run it takes over, as named statements: prepared once per connection, where kysely
// would build, compile and have the server plan the same SELECT each time. Each reads what the shared kysely read does.
const RUN_EVENTS = { name: 'sopflow_run_events', text: 'SELECT * FROM events WHERE run_id = $1 AND seq > $2 ORDER BY seq' };
const RUN = { name: 'sopflow_run', text: 'SELECT * FROM runs WHERE id = $1' };
const DUE_TIMERS = { name: 'sopflow_due_timers', text: 'SELECT * FROM timers WHERE run_id = $1 AND due_at COLLATE "C" <= $2 ORDER BY due_at COLLATE "C"' };

/** `readEvents`, `getRun` and `dueTimers` of the PostgreSQL store, on the pool's connections. */
export function createPostgresRunReads(pool: pg.Pool): Pick<StoreReads, 'readEvents' | 'getRun' | 'dueTimers'> {
  return {
    async readEvents(runId, afterSeq = 0) {
      return (await pool.query<Selectable<StoreDatabase['events']>>({ ...RUN_EVENTS, values: [runId, afterSeq] })).rows.map(toStoredEvent);
    },
    async getRun(runId) {
      const [row] = (await pool.query<Selectable<StoreDatabase['runs']>>({ ...RUN, values: [runId] })).rows;
      return row === undefined ? undefined : toRunSummary(row);
    },
    async dueTimers(runId, now) {
      return (await pool.query<Selectable<StoreDatabase['timers']>>({ ...DUE_TIMERS, values: [runId, now.toISOString()] })).rows.map(toTimerRow);
    },
  };
}
