// Prints what a case does now (event types, step states, open tasks): a help for writing case.json.
// Usage: node --conditions=sopflow-source --import tsx conformance/engine/show-case.ts conformance/engine/<case>
import { createMemoryStore } from '@sopflow/store';
import { runCase } from './run-case.js';

const outcome = await runCase(process.argv[2], createMemoryStore());
console.log(JSON.stringify({
  status: outcome.status, events: outcome.events.map((e) => e.type), steps: outcome.steps, output: outcome.output,
  tasks: outcome.openTasks, errors: outcome.errors, audit: outcome.audit,
}, null, 1));
