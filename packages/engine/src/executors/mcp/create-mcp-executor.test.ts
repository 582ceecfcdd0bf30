import assert from 'node:assert/strict';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Runtime } from '@sopflow/format';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { failure } from '../../../test-support/step-result-outcome.js';
import { MCP_TEST_SERVER_PATH, startMcpHttpServer } from '../../../test-support/mcp-test-server.mjs';
import type { StepRequest, StepResult } from '../../ports/step-executor.js';
import { createMcpExecutor } from './create-mcp-executor.js';
import type { McpServerConfig } from './mcp-server-config.js';

let http: Awaited<ReturnType<typeof startMcpHttpServer>>;
before(async () => {
  http = await startMcpHttpServer();
});
after(() => http.close());

const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', SERVER_TOKEN: 'srv-token-123', OTHER: 'must-not-leak', REGION_HOOK: 'hook-eu-7788' };
const secrets = fixedSecrets({ SERVER_TOKEN: 'srv-token-123', MCP_KEY: 'mcp-key-98765' });

function servers(): Record<string, McpServerConfig> {
  return {
    local: { command: [process.execPath, MCP_TEST_SERVER_PATH], env: ['SERVER_TOKEN'], cwd: dirname(MCP_TEST_SERVER_PATH) },
    remote: { url: http.url, headers: { Authorization: 'Bearer ${secrets.MCP_KEY}' } },
    broken: { command: ['/no/such/mcp-server'] },
    down: { url: 'http://127.0.0.1:9/mcp' },
  };
}

function run(runtime: Runtime, overrides: Partial<StepRequest> & { timeoutSec?: number } = {}): Promise<StepResult> {
  const { timeoutSec, ...rest } = overrides;
  const node = makeNode({ id: 'tool-step', type: 'mcp', runtime, ...(timeoutSec === undefined ? {} : { timeoutSec }) });
  return createMcpExecutor({ servers: servers(), env }).execute(makeRequest(node, { secrets, ...rest }));
}

describe('createMcpExecutor over stdio (a real SDK server as a child process)', () => {
  it('calls a tool with the step input and returns its structuredContent', async () => {
    const result = await run({ server: 'local', tool: 'add' }, { input: { a: 2, b: 40 } });
    assert.equal(result.status, 'completed', JSON.stringify(result));
    assert.deepEqual(result.status === 'completed' ? result.output : {}, { sum: 42 });
    const [call] = result.status === 'completed' ? result.toolCalls ?? [] : [];
    assert.deepEqual({ tool: call.tool, status: call.status, input: call.input }, { tool: 'mcp:local/add', status: 'COMPLETED', input: { server: 'local', tool: 'add', arguments: { a: 2, b: 40 } } });
  });

  it('fills runtime.arguments from inputs and returns text content as { text }', async () => {
    const result = await run({ server: 'local', tool: 'greet', arguments: { name: '${inputs.who} (${steps.lookup.output.team})' } }, {
      input: { who: 'Ada' },
      scope: { steps: [{ nodeId: 'lookup', outputs: { team: 'ops' } }] },
    });
    assert.deepEqual(result.status === 'completed' ? result.output : result, { text: 'Hello, Ada (ops)!' });
  });

  it('gives the server only PATH, HOME, LANG and its allow-listed names', async () => {
    const result = await run({ server: 'local', tool: 'env' });
    const names = String(result.status === 'completed' ? result.output.text : '').split(',');
    assert.ok(names.includes('SERVER_TOKEN'));
    assert.ok(!names.includes('OTHER'));
  });

  it('turns isError into a terminal MCP_TOOL_ERROR with the tool text, secrets redacted', async () => {
    const error = failure(await run({ server: 'local', tool: 'fail' }, { input: { reason: 'token mcp-key-98765 expired' } }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'MCP_TOOL_ERROR', retryable: false });
    assert.match(error.message, /cannot comply: token \[REDACTED\] expired/);
  });

  it('redacts values read through runtime.env from the output, the error and the tool call record', async () => {
    const echoed = await run({ server: 'local', tool: 'greet', arguments: { name: '${env.REGION_HOOK}' }, env: ['REGION_HOOK'] });
    assert.deepEqual(echoed.status === 'completed' ? echoed.output : echoed, { text: 'Hello, [REDACTED]!' });
    const refused = await run({ server: 'local', tool: 'fail', arguments: { reason: 'no ${env.REGION_HOOK}' }, env: ['REGION_HOOK'] });
    assert.match(failure(refused).message, /cannot comply: no \[REDACTED\]/);
    for (const result of [echoed, refused]) assert.doesNotMatch(JSON.stringify(result), /hook-eu-7788/);
  });

  it('reports an unknown tool as MCP_TOOL_ERROR and times out a tool that never answers', async () => {
    assert.equal(failure(await run({ server: 'local', tool: 'no_such_tool' })).code, 'MCP_TOOL_ERROR');
    const slow = failure(await run({ server: 'local', tool: 'wait' }, { signal: AbortSignal.timeout(1000) }));
    assert.deepEqual({ code: slow.code, retryable: slow.retryable }, { code: 'TIMEOUT', retryable: true });
  });

  it('turns a server that cannot start into a retryable MCP_CONNECT', async () => {
    const error = failure(await run({ server: 'broken', tool: 'add' }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'MCP_CONNECT', retryable: true });
  });
});

describe('createMcpExecutor over Streamable HTTP', () => {
  it('calls a tool on 127.0.0.1 with the secret header, and returns structured output', async () => {
    const result = await run({ server: 'remote', tool: 'add', arguments: { a: '${inputs.x}', b: 1 } }, { input: { x: 9 } });
    assert.deepEqual(result.status === 'completed' ? result.output : result, { sum: 10 });
    assert.ok(http.requests.length > 0);
    assert.ok(http.requests.every((request) => request.authorization === 'Bearer mcp-key-98765'));
  });

  it('turns a refused connection into a retryable MCP_CONNECT', async () => {
    const error = failure(await run({ server: 'down', tool: 'add' }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'MCP_CONNECT', retryable: true });
  });

  it('rejects a node naming an unconfigured server or no tool', async () => {
    assert.match(failure(await run({ server: 'elsewhere', tool: 'add' })).message, /not configured \(configured: local, remote, broken, down\)/);
    assert.equal(failure(await run({ server: 'local' })).code, 'INVALID_RUNTIME');
  });
});
