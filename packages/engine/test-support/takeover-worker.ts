// A `sopflow worker` stand-in for the takeover tests: a worker with the default lease TTL on the
// SQLite file given as the first argument, until killed. Prints "ready" once its engine is open.
// Usage: node --conditions=sopflow-source --import tsx takeover-worker.ts DB
import { createSqliteStore } from '@sopflow/store';
import { createCliExecutor, createEngine, runWorker } from '@sopflow/engine';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: takeover-worker.ts DB\n');
  process.exit(2);
}
const store = await createSqliteStore(file);
const engine = createEngine({ store, executors: [createCliExecutor()], owner: `takeover-${process.pid}` });
process.stdout.write('ready\n');
await runWorker({ engine, store, pollMs: 50 });
