// A `sopflow worker`-like process for the crash test: runs a worker on the SQLite file given as
// the first argument until killed. Usage: node --conditions=sopflow-source --import tsx crash-worker.ts DB
import { createSqliteStore } from '@sopflow/store';
import { createCliExecutor, createEngine, runWorker } from '@sopflow/engine';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: crash-worker.ts DB\n');
  process.exit(2);
}
const store = await createSqliteStore(file);
const engine = createEngine({ store, executors: [createCliExecutor()], leaseTtlMs: 250, owner: `crash-${process.pid}` });
process.stdout.write('ready\n');
await runWorker({ engine, store, leaseTtlMs: 250, pollMs: 20, concurrency: 4 });
