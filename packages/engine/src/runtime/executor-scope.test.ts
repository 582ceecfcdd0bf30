import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createCliExecutor, createEngine, parseWorkflowSource, type RunEvent } from '../index.js';

// `ticket` prints JSON; `file` receives `${steps.ticket.outputs.id}` and `${inputs.team}` as single argv entries.
const TWO_STEPS = parseWorkflowSource(`osop_version: "1.1"
id: scope
name: Open then file a ticket
inputs:
  - { name: node, type: string }
  - { name: team, type: string }
nodes:
  - id: ticket
    type: cli
    runtime: { command: ["\${inputs.node}", "-e", "console.log(JSON.stringify({ id: 'T-42 urgent' }))"], output: json }
  - id: file
    type: cli
    runtime: { command: ["\${inputs.node}", "-e", "console.log(JSON.stringify(process.argv.slice(1)))", "\${steps.ticket.outputs.id}", "\${inputs.team}"], output: json }
  - id: missing
    type: cli
    runtime: { command: ["\${inputs.node}", "-e", "", "\${steps.nowhere.outputs.id}"] }
edges:
  - { from: ticket, to: file }
  - { from: file, to: missing }
`);

describe('executor scope', () => {
  it("a cli step's argv reads an earlier step's output and the run inputs; an unknown step fails with TEMPLATE_ERROR", async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, executors: [createCliExecutor()] });
    const runId = await engine.startRun(TWO_STEPS, { node: process.execPath, team: 'ops' });
    await engine.settle();
    const events = (await store.readEvents(runId)).map((e) => ({ type: e.type, ...(e.data as Record<string, unknown>) })) as RunEvent[];
    const completed = events.flatMap((e) => (e.type === 'StepCompleted' ? [[e.nodeId, e.output]] : []));
    assert.deepEqual(completed, [['ticket', { id: 'T-42 urgent' }], ['file', { value: ['T-42 urgent', 'ops'] }]]);
    const failed = events.flatMap((e) => (e.type === 'StepFailed' ? [[e.nodeId, e.error.code]] : []));
    assert.deepEqual(failed, [['missing', 'TEMPLATE_ERROR']]);
  });
});
