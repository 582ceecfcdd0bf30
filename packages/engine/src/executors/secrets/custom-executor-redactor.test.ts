import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, createStepRedactor, parseWorkflowSource, runRedacted, type StepExecutor } from '../../index.js';

describe('a custom executor redacts with the exported step redactor', () => {
  it('keeps a value read through secrets.get out of the recorded output, and redacts added values', async () => {
    const secrets = { get: (name: string) => (name === 'TOKEN' ? 's3cret-token-value' : undefined), redact: (text: string) => text };
    const custom: StepExecutor = {
      handles: ['system'],
      execute: (request) => runRedacted(request, async (req) => {
        const token = req.secrets.get('TOKEN') ?? '';
        return { status: 'completed', output: { echoed: `token=${token}` } };
      }),
    };
    const store = createMemoryStore();
    const engine = createEngine({ store, executors: [custom], secrets, identity: 'unchecked' });
    const runId = await engine.startRun(parseWorkflowSource('osop_version: "1.1"\nid: c\nname: C\nnodes:\n  - { id: s, type: system }\nedges: []\n'));
    const events = JSON.stringify((await store.readEvents(runId)).map((e) => e.data));
    assert.ok(events.includes('token=[REDACTED]'), events);
    assert.ok(!events.includes('s3cret-token-value'));
    const redactor = createStepRedactor(secrets);
    redactor.add(['hunter2-value']);
    assert.equal(redactor.text('pw hunter2-value'), 'pw [REDACTED]');
  });
});
