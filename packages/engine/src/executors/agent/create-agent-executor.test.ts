import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WorkflowNode } from '@sopflow/format';
import { closedPort } from '../../../test-support/closed-port.js';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { failure } from '../../../test-support/step-result-outcome.js';
import { anthropicMessage, openAiCompletion, startFakeModelServer, type FakeModelServer } from '../../../test-support/fake-model-server.js';
import type { StepRequest, StepResult } from '../../ports/step-executor.js';
import { RESULT_TOOL } from './anthropic-provider.js';
import { createAgentExecutor, type AgentExecutorOptions } from './create-agent-executor.js';

let fake: FakeModelServer;
before(async () => {
  fake = await startFakeModelServer();
});
after(() => fake.close());

const triage = makeNode({
  id: 'triage',
  type: 'agent',
  name: 'Triage the ticket',
  purpose: 'Decide which team handles a support ticket',
  description: 'Read the ticket text and classify it.',
  inputs: [{ name: 'ticket', type: 'string' }],
  outputs: [{ name: 'category', type: 'string', description: 'hardware, software or billing' }, { name: 'priority', type: 'int' }],
  runtime: { model: 'llama3.1:8b' },
});
const secrets = fixedSecrets({ LLM_KEY: 'sk-local-test-key-123456' });
const goodReply = JSON.stringify({ output: { category: 'hardware', priority: 1 }, confidence: 0.82 });

function execute(node: WorkflowNode, options: AgentExecutorOptions, overrides: Partial<StepRequest> = {}): Promise<StepResult> {
  return createAgentExecutor({ env: {}, ...options }).execute(makeRequest(node, { input: { ticket: 'Printer on fire; floor 3' }, secrets, ...overrides }));
}

const openai = (): AgentExecutorOptions => ({ providers: { openai: { baseURL: `${fake.url}/v1`, apiKeyEnv: 'LLM_KEY' } }, default: 'openai' });

describe('createAgentExecutor — no model', () => {
  it('escalates with NO_MODEL when no provider is configured, never answering itself', async () => {
    const result = await execute(triage, {});
    assert.equal(result.status, 'escalated');
    assert.equal(result.status === 'escalated' ? result.reason : '', 'NO_MODEL');
  });

  it('escalates with NO_MODEL when the provider has no model, is not configured, or lacks its key', async () => {
    const noModel = makeNode({ ...triage, runtime: {} });
    const cases: [WorkflowNode, AgentExecutorOptions, RegExp][] = [
      [noModel, { providers: { openai: { baseURL: fake.url } } }, /no model/],
      [makeNode({ ...triage, runtime: { provider: 'anthropic', model: 'm' } }), openai(), /anthropic provider is not configured/],
      [triage, { providers: { openai: { baseURL: fake.url, apiKeyEnv: 'MISSING_KEY' } } }, /MISSING_KEY .* is not set/],
    ];
    for (const [node, options, message] of cases) {
      const result = await execute(node, options);
      assert.equal(result.status, 'escalated');
      assert.match(result.status === 'escalated' ? `${result.reason} ${result.message}` : '', message);
    }
    assert.equal(fake.received.length, 0, 'nothing was sent anywhere');
  });
});

describe('createAgentExecutor — OpenAI-compatible', () => {
  it('sends purpose, description, inputs and a json_schema response format; returns output, confidence and usage', async () => {
    fake.received.length = 0;
    fake.reply({ json: openAiCompletion(goodReply, 'llama3.1:8b-instruct-q4') });
    const result = await execute(triage, openai());
    assert.equal(fake.received.length, 1);
    const [sent] = fake.received;
    assert.equal(sent.path, '/v1/chat/completions');
    assert.equal(sent.headers.authorization, 'Bearer sk-local-test-key-123456');
    assert.equal(sent.body.model, 'llama3.1:8b');
    const messages = sent.body.messages as { role: string; content: string }[];
    assert.deepEqual(messages.map((message) => message.role), ['system', 'user']);
    assert.match(messages[0].content, /"confidence"/);
    assert.match(messages[1].content, /Purpose: Decide which team handles a support ticket/);
    assert.match(messages[1].content, /Description: Read the ticket text and classify it\./);
    assert.match(messages[1].content, /"ticket": "Printer on fire; floor 3"/);
    assert.match(messages[1].content, /- category \(string\): hardware, software or billing/);
    const format = sent.body.response_format as { type: string; json_schema: { name: string; schema: { properties: { output: { required: string[]; properties: Record<string, unknown> } } } } };
    assert.equal(format.type, 'json_schema');
    assert.deepEqual(format.json_schema.schema.properties.output.required, ['category', 'priority']);
    assert.deepEqual(format.json_schema.schema.properties.output.properties.priority, { type: 'integer' });

    assert.equal(result.status, 'completed', JSON.stringify(result));
    if (result.status !== 'completed') return;
    assert.deepEqual(result.output, { category: 'hardware', priority: 1 });
    assert.equal(result.confidence, 0.82);
    assert.deepEqual(result.usage, { provider: 'openai', model: 'llama3.1:8b-instruct-q4', promptTokens: 182, completionTokens: 41 });
    assert.equal(result.toolCalls?.[0]?.tool, 'model:openai');
    assert.doesNotMatch(JSON.stringify(result), /sk-local-test-key/);
  });

  it('asks for json_object when the node declares no outputs, and reads a fenced reply', async () => {
    fake.received.length = 0;
    fake.reply({ json: openAiCompletion('```json\n{"output": {"summary": "ok"}, "confidence": 0.5}\n```') });
    const result = await execute(makeNode({ ...triage, outputs: [] }), openai());
    assert.deepEqual((fake.received[0].body.response_format as { type: string }).type, 'json_object');
    assert.equal(result.status === 'completed' ? result.output.summary : undefined, 'ok');
  });

  it('falls back to json_object when the server rejects json_schema', async () => {
    fake.received.length = 0;
    fake.reply(
      { status: 400, json: { error: { message: "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.", type: 'invalid_request_error', param: 'response_format', code: null } } },
      { json: openAiCompletion(goodReply) },
    );
    const result = await execute(triage, openai());
    assert.deepEqual(fake.received.map((request) => (request.body.response_format as { type: string }).type), ['json_schema', 'json_object']);
    assert.equal(result.status, 'completed');
  });

  it('turns a 500 into a retryable HTTP_500 and a 401 into a terminal HTTP_401', async () => {
    fake.reply({ status: 500, json: { error: { message: 'The server had an error while processing your request.', type: 'server_error' } } });
    const server = failure(await execute(triage, openai()));
    assert.deepEqual({ code: server.code, retryable: server.retryable }, { code: 'HTTP_500', retryable: true });
    fake.reply({ status: 401, json: { error: { message: 'Incorrect API key provided: sk-local-test-key-123456', type: 'invalid_request_error', code: 'invalid_api_key' } } });
    const denied = failure(await execute(triage, openai()));
    assert.deepEqual({ code: denied.code, retryable: denied.retryable }, { code: 'HTTP_401', retryable: false });
    assert.doesNotMatch(denied.message, /sk-local-test-key/);
  });

  it('fails with INVALID_OUTPUT on garbage: retryable on the first attempt only', async () => {
    fake.reply({ json: openAiCompletion('I think this is probably a hardware issue.') });
    const first = failure(await execute(triage, openai()));
    assert.deepEqual({ code: first.code, retryable: first.retryable }, { code: 'INVALID_OUTPUT', retryable: true });
    assert.match(first.message, /not JSON: I think this is probably/);
    const second = failure(await execute(triage, openai(), { attempt: 2 }));
    assert.equal(second.retryable, false);
  });

  it('rejects JSON that misses a declared output or states a confidence outside 0..1', async () => {
    fake.reply({ json: openAiCompletion(JSON.stringify({ output: { category: 'x' }, confidence: 0.9 })) });
    assert.match(failure(await execute(triage, openai())).message, /\/output must have required property 'priority'/);
    fake.reply({ json: openAiCompletion(JSON.stringify({ output: { category: 'x', priority: 2 }, confidence: 1.5 })) });
    assert.match(failure(await execute(triage, openai())).message, /\/confidence must be <= 1/);
  });

  it('turns a refused connection into a retryable NETWORK failure', async () => {
    const port = await closedPort();
    const error = failure(await execute(triage, { providers: { openai: { baseURL: `http://127.0.0.1:${port}/v1` } } }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'NETWORK', retryable: true });
  });
});

describe('createAgentExecutor — what reaches the model', () => {
  const runInput = {
    ticket: 'Printer on fire; the admin pasted crm-secret-value-77 and ghp_abcdefghijklmnopqrstuvwxyz0123456789 here',
    card_number: '4111 1111 1111 1111',
    stdout: 'earlier step printed this',
  };
  const withSecret = fixedSecrets({ LLM_KEY: 'sk-local-test-key-123456', CRM_TOKEN: 'crm-secret-value-77' });
  const sentText = (): string => JSON.stringify(fake.received.map((request) => request.body));

  it('sends only the declared inputs, redacted, and neither undeclared inputs nor earlier steps', async () => {
    fake.received.length = 0;
    fake.reply({ json: openAiCompletion(goodReply) });
    const result = await execute(triage, openai(), {
      input: runInput, secrets: withSecret,
      scope: { inputs: { customer_ssn: '078-05-1120' }, steps: [{ nodeId: 'fetch', outputs: { stdout: 'raw earlier stdout' } }] },
    });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    const sent = sentText();
    assert.match(sent, /Printer on fire; the admin pasted \[REDACTED\] and \[REDACTED\] here/);
    for (const leak of ['4111 1111 1111 1111', 'card_number', 'earlier step printed this', '078-05-1120', 'raw earlier stdout', 'crm-secret-value-77', 'ghp_abc']) {
      assert.ok(!sent.includes(leak), `${leak} reached the model`);
    }
  });

  it('sends none of the run data when the node declares no inputs', async () => {
    fake.received.length = 0;
    fake.reply({ json: openAiCompletion(goodReply) });
    await execute(makeNode({ ...triage, inputs: [] }), openai(), { input: runInput, secrets: withSecret });
    const sent = sentText();
    assert.ok(!sent.includes('Printer on fire') && !sent.includes('4111'), sent);
    assert.match(sent, /Inputs: none declared/);
  });

  it('lets runtime.prompt read declared inputs only, and redacts what it reads', async () => {
    fake.received.length = 0;
    fake.reply({ json: openAiCompletion(goodReply) });
    const prompted = makeNode({ ...triage, runtime: { ...triage.runtime, prompt: 'Ticket says: ${inputs.ticket}' } });
    assert.equal((await execute(prompted, openai(), { input: runInput, secrets: withSecret })).status, 'completed');
    assert.match(sentText(), /Ticket says: Printer on fire; the admin pasted \[REDACTED\]/);
    for (const prompt of ['Card: ${inputs.card_number}', 'Before: ${steps.fetch.output.stdout}', 'Env: ${env.HOME}']) {
      fake.received.length = 0;
      const error = failure(await execute(makeNode({ ...triage, runtime: { ...triage.runtime, prompt } }), openai(), {
        input: runInput, secrets: withSecret, scope: { steps: [{ nodeId: 'fetch', outputs: { stdout: 'raw earlier stdout' } }] },
      }));
      assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'TEMPLATE_ERROR', retryable: false }, prompt);
      assert.match(error.message, /declared inputs/);
      assert.equal(fake.received.length, 0, 'nothing was sent');
    }
  });
});

describe('createAgentExecutor — Anthropic', () => {
  const anthropic = (): AgentExecutorOptions => ({ providers: { anthropic: { baseURL: fake.url, apiKeyEnv: 'LLM_KEY', model: 'claude-sonnet-4-5' } } });
  const node = makeNode({ ...triage, runtime: { provider: 'anthropic', max_tokens: 300 } });

  it('forces a tool call whose input schema is the reply schema and reads its input', async () => {
    fake.received.length = 0;
    fake.reply({ json: anthropicMessage({ output: { category: 'billing', priority: 3 }, confidence: 0.67 }, RESULT_TOOL) });
    const result = await execute(node, anthropic());
    const [sent] = fake.received;
    assert.equal(sent.path, '/v1/messages');
    assert.equal(sent.headers.authorization ?? sent.headers['x-api-key'], sent.headers.authorization === undefined ? 'sk-local-test-key-123456' : 'Bearer sk-local-test-key-123456');
    assert.equal(typeof sent.headers['anthropic-version'], 'string');
    assert.equal(sent.body.model, 'claude-sonnet-4-5');
    assert.equal(sent.body.max_tokens, 300);
    assert.deepEqual(sent.body.tool_choice, { type: 'tool', name: RESULT_TOOL });
    const [tool] = sent.body.tools as { name: string; input_schema: { required: string[] } }[];
    assert.deepEqual(tool.input_schema.required, ['output', 'confidence']);
    assert.match(JSON.stringify(sent.body.messages), /Decide which team handles a support ticket/);
    assert.equal(result.status, 'completed', JSON.stringify(result));
    if (result.status !== 'completed') return;
    assert.deepEqual(result.output, { category: 'billing', priority: 3 });
    assert.equal(result.confidence, 0.67);
    assert.deepEqual(result.usage, { provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', promptTokens: 412, completionTokens: 64 });
  });

  it('falls back to JSON in text blocks, and fails INVALID_OUTPUT on prose', async () => {
    fake.reply({ json: anthropicMessage(goodReply, RESULT_TOOL) });
    assert.equal((await execute(node, anthropic())).status, 'completed');
    fake.reply({ json: anthropicMessage('Sorry, I cannot decide.', RESULT_TOOL) });
    assert.equal(failure(await execute(node, anthropic())).code, 'INVALID_OUTPUT');
  });

  it('treats 529 overloaded as retryable', async () => {
    fake.reply({ status: 529, json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    const error = failure(await execute(node, anthropic()));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'HTTP_529', retryable: true });
  });
});

describe('createAgentExecutor — command-line agent', () => {
  const script = `
    let text = '';
    process.stdin.on('data', (chunk) => { text += chunk; });
    process.stdin.on('end', () => {
      if (process.argv[1] === 'garbage') { console.log('not json'); return; }
      if (process.argv[1] === 'crash') { console.error('model backend down'); process.exit(2); }
      const output = { category: text.includes('Printer on fire') ? 'hardware' : 'unknown', priority: 2, leaked: process.env.OTHER ?? null, key: process.env.AGENT_KEY ?? null };
      console.log(JSON.stringify({ output, confidence: 0.91 }));
    });`;
  const command = (mode: string): AgentExecutorOptions => ({
    providers: { command: { argv: [process.execPath, '-e', script, mode], env: ['AGENT_KEY'], model: 'local-agent' } },
    env: { PATH: process.env.PATH, OTHER: 'must-not-leak', AGENT_KEY: 'agent-key-value' },
  });
  const node = makeNode({ ...triage, runtime: { provider: 'command' } });

  it('sends the prompt on stdin and reads JSON from stdout, with only the allow-listed env', async () => {
    const result = await execute(node, command('ok'), { secrets: fixedSecrets({ AGENT_KEY: 'agent-key-value' }) });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    if (result.status !== 'completed') return;
    assert.deepEqual(result.output, { category: 'hardware', priority: 2, leaked: null, key: '[REDACTED]' });
    assert.equal(result.confidence, 0.91);
    assert.deepEqual(result.usage, { provider: 'command', model: 'local-agent' });
  });

  it('fails with INVALID_OUTPUT on non-JSON stdout and EXIT_2 when the agent exits with 2', async () => {
    assert.equal(failure(await execute(node, command('garbage'))).code, 'INVALID_OUTPUT');
    const crash = failure(await execute(node, command('crash')));
    assert.equal(crash.code, 'EXIT_2');
    assert.match(crash.message, /model backend down/);
  });
});
