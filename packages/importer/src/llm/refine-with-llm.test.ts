import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { importDocument } from '../index.js';

/** A local server speaking the chat-completions protocol; answers with whatever the test queues. */
let server: Server;
let baseURL = '';
const requests: { path: string; body: any }[] = [];
let reply: { status: number; content: string } = { status: 200, content: '{"steps":[]}' };

before(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') });
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      if (reply.status !== 200) { res.end(JSON.stringify({ error: { message: 'model overloaded', type: 'server_error' } })); return; }
      res.end(JSON.stringify({
        id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'fake-model',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: reply.content } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const doc = new TextEncoder().encode([
  '# Bench cleaning', '', 'The lab technician keeps the bench clean.', '', '## Procedure', '',
  '1. Remove all samples and tools from the bench surface before anything else is done.',
  '2. Wipe the surface with 70% ethanol.',
  '3. Log the cleaning in the bench log.', '',
].join('\n'));

describe('refineWithLlm through importDocument', () => {
  it('retitles and fills roles from the document, refuses invented content and never adds steps', async () => {
    reply = {
      status: 200,
      content: '```json\n' + JSON.stringify({ steps: [
        { sequence_order: 1, title: 'Step 1: Clear the bench surface of samples and tools' },
        { sequence_order: 2, role: 'lab technician' },
        { sequence_order: 3, role: 'Chief Hygiene Officer', title: 'Sterilise the autoclave' },
        { sequence_order: 4, title: 'Celebrate a clean bench' },
      ] }) + '\n```',
    };
    const r = await importDocument(doc, 'bench.md', { llm: { baseURL, model: 'fake-model', apiKey: 'test-key' } });
    const sop = r.sops[0];
    assert.equal(sop.steps.length, 3, 'no step added');
    assert.equal(sop.steps[0].title, 'Clear the bench surface of samples and tools');
    assert.equal(sop.steps[1].role, 'lab technician');
    assert.equal(sop.steps[2].role, undefined);
    assert.equal(sop.steps[2].title, 'Log the cleaning in the bench log');
    assert.deepEqual(sop.llmChanges?.map((c) => [c.step, c.field, c.applied]), [
      [1, 'title', true], [2, 'role', true], [3, 'title', false], [3, 'role', false], [4, 'title', false],
    ]);
    assert.match(sop.llmChanges?.[4].reason ?? '', /never adds steps/);
    const sent = requests[requests.length - 1];
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.body.model, 'fake-model');
    assert.equal(JSON.parse(sent.body.messages[1].content).steps.length, 3);
  });

  it('keeps the deterministic result and warns when the endpoint fails', async () => {
    reply = { status: 500, content: '' };
    const r = await importDocument(doc, 'bench.md', { llm: { baseURL, model: 'fake-model' } });
    assert.equal(r.sops[0].steps[0].title, 'Remove all samples and tools from the bench surface before anything else is done');
    assert.deepEqual(r.sops[0].llmChanges, []);
    assert.ok(r.diagnostics.some((d) => d.code === 'llm-failed' && d.severity === 'warning'));
  });

  it('is off unless asked for', async () => {
    const count = requests.length;
    const r = await importDocument(doc, 'bench.md');
    assert.equal(requests.length, count);
    assert.equal(r.sops[0].llmChanges, undefined);
  });
});
