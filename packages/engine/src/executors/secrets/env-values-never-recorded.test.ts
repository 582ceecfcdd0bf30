import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '@sopflow/store';
import { createCliExecutor, createEngine, parseWorkflowSource, toExecutionLog, type RunEvent } from '../../index.js';

const dir = mkdtempSync(join(tmpdir(), 'sopflow-env-redaction-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Neither name nor value looks like a secret, and the engine has no secret source at all:
// the value is still a secret because the step hands it to its child through runtime.env.
const HOOK = 'hook-9f8e7d6c5b4a';
const KEY = 'key-1a2b3c4d5e6f';

const LEAKY = parseWorkflowSource(`osop_version: "1.1"
id: leaky
name: Steps that print what runtime.env gave them
nodes:
  - id: printenv
    type: cli
    runtime: { command: ["printenv", "DEPLOY_HOOK"], env: [DEPLOY_HOOK] }
  - id: shell_echo
    type: cli
    runtime: { command: "echo key=$API_KEY hook=$DEPLOY_HOOK", shell: true, env: [API_KEY, DEPLOY_HOOK] }
  - id: json_out
    type: cli
    runtime: { command: ["${process.execPath}", "-e", "console.log(JSON.stringify({ [process.env.API_KEY]: process.env.API_KEY, quoted: JSON.stringify(process.env.API_KEY) }))"], env: [API_KEY], output: json }
  - id: argv_echo
    type: cli
    runtime: { command: ["echo", "\${env.API_KEY}"], env: [API_KEY] }
  - id: fails
    type: cli
    runtime: { command: ["sh", "-c", "echo \\"cannot reach $DEPLOY_HOOK\\" >&2; exit 3"], env: [DEPLOY_HOOK] }
edges:
  - { from: printenv, to: shell_echo }
  - { from: shell_echo, to: json_out }
  - { from: json_out, to: argv_echo }
  - { from: argv_echo, to: fails }
`);

describe('values handed to a child through runtime.env', () => {
  it('never reach the stored events, the .osoplog or the run state, even with no secret source', async () => {
    const store = await createSqliteStore(join(dir, 'runs.db'));
    const env = { PATH: process.env.PATH, DEPLOY_HOOK: HOOK, API_KEY: KEY };
    const engine = createEngine({ store, executors: [createCliExecutor({ env })] });
    const runId = await engine.startRun(LEAKY, {});
    await engine.settle();
    const stored = await store.readEvents(runId);
    const events = stored.map((e) => ({ type: e.type, ...(e.data as Record<string, unknown>) })) as RunEvent[];
    const { state } = await engine.getRun(runId);

    const completed = events.flatMap((e) => (e.type === 'StepCompleted' ? [e.nodeId] : []));
    assert.deepEqual(completed, ['printenv', 'shell_echo', 'json_out', 'argv_echo'], 'the steps ran');
    const printed = events.find((e) => e.type === 'StepCompleted' && e.nodeId === 'shell_echo');
    assert.equal(printed?.type === 'StepCompleted' ? printed.output.stdout : '', 'key=[REDACTED] hook=[REDACTED]\n');
    const failed = events.find((e) => e.type === 'StepFailed');
    assert.match(failed?.type === 'StepFailed' ? failed.error.message : '', /EXIT_3|exited with code 3: cannot reach \[REDACTED\]/);

    const places: [string, string][] = [
      ['stored events', JSON.stringify(stored)],
      ['.osoplog', JSON.stringify(toExecutionLog(state, events, LEAKY.workflow))],
      ['run state', JSON.stringify(state)],
    ];
    for (const [place, text] of places) {
      for (const secret of [HOOK, KEY]) assert.ok(!text.includes(secret), `${secret} appears in the ${place}`);
    }
    await store.close();
  });
});
