import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Runtime } from '@sopflow/format';
import { closedPort } from '../../../test-support/closed-port.js';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { completed, failure } from '../../../test-support/step-result-outcome.js';
import type { StepRequest, StepResult } from '../../ports/step-executor.js';
import { createApiExecutor, type ApiExecutorOptions } from './create-api-executor.js';

interface Received { method: string; url: string; headers: Record<string, unknown>; body: string }
const received: Received[] = [];
let server: Server;
let base = '';

function handle(request: IncomingMessage, response: ServerResponse, body: string): void {
  received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
  const url = new URL(request.url ?? '/', 'http://x');
  const status = /^\/status\/(\d+)$/.exec(url.pathname);
  if (status !== null) {
    response.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`failure detail for ${String(request.headers.authorization ?? '')}`);
  } else if (url.pathname === '/text') {
    response.writeHead(200, { 'content-type': 'text/plain', 'x-request-id': 'req-9', 'x-custom': 'c' }).end('hello');
  } else if (url.pathname === '/big') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: 'y'.repeat(5000) }));
  } else if (url.pathname === '/badjson') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{nope');
  } else if (url.pathname === '/hang') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write('partial');
  } else {
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ method: request.method, path: url.pathname, query: url.search, auth: request.headers.authorization ?? null }));
  }
}

before(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

const secrets = fixedSecrets({ API_TOKEN: 'tok-abcdef123' });

function run(runtime: Runtime, overrides: Partial<StepRequest> = {}, options: ApiExecutorOptions = {}): Promise<StepResult> {
  const step = makeNode({ id: 'call', type: 'api', runtime });
  return createApiExecutor({ env: { API_BASE: base }, ...options }).execute(makeRequest(step, { secrets, allowedHosts: ['127.0.0.1'], ...overrides }));
}

describe('createApiExecutor', () => {
  it('POSTs an interpolated JSON body with an Idempotency-Key and returns status, headers and JSON body', async () => {
    received.length = 0;
    const output = completed(await run({
      method: 'post',
      url: `${base}/orders/\${inputs.id}?q=\${inputs.q}`,
      headers: { Authorization: 'Bearer ${secrets.API_TOKEN}' },
      body_template: { customer: '${inputs.name}', qty: '${inputs.qty}', note: 'for ${inputs.name}' },
    }, { input: { id: 'a/../b', q: 'x&admin=1', name: 'Ada', qty: 3 } }));
    assert.equal(received.length, 1);
    const [sent] = received;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.url, '/orders/a%2F..%2Fb?q=x%26admin%3D1');
    assert.equal(sent.headers['idempotency-key'], 'run-1:call:0');
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers.authorization, 'Bearer tok-abcdef123');
    assert.deepEqual(JSON.parse(sent.body), { customer: 'Ada', qty: 3, note: 'for Ada' });
    assert.equal(output.status, 201);
    assert.deepEqual(output.headers, { 'content-type': 'application/json; charset=utf-8' });
    assert.deepEqual(output.body, { method: 'POST', path: '/orders/a%2F..%2Fb', query: '?q=x%26admin%3D1', auth: 'Bearer [REDACTED]' }, 'a secret echoed back is redacted');
  });

  it('sends no Idempotency-Key and no body on GET; uses ${env.X} in the URL as configured', async () => {
    received.length = 0;
    const output = completed(await run({ url: '${env.API_BASE}/text', env: ['API_BASE'], response_headers: ['X-Custom'] }));
    assert.equal(received[0].headers['idempotency-key'], undefined);
    assert.deepEqual(output, { status: 200, headers: { 'content-type': 'text/plain', 'x-request-id': 'req-9', 'x-custom': 'c' }, body: 'hello' });
  });

  it('turns 503 into a retryable HTTP_503 and 404 into a terminal HTTP_404, secrets redacted', async () => {
    const unavailable = failure(await run({ url: `${base}/status/503`, headers: { Authorization: 'Bearer ${secrets.API_TOKEN}' } }));
    assert.deepEqual({ code: unavailable.code, retryable: unavailable.retryable }, { code: 'HTTP_503', retryable: true });
    assert.match(unavailable.message, /answered 503 Service Unavailable: failure detail for Bearer \[REDACTED\]/);
    assert.doesNotMatch(unavailable.message, /tok-abcdef123/);
    const missing = failure(await run({ url: `${base}/status/404` }));
    assert.deepEqual({ code: missing.code, retryable: missing.retryable }, { code: 'HTTP_404', retryable: false });
    assert.equal(failure(await run({ url: `${base}/status/429` })).retryable, true);
  });

  it('turns a refused connection into a retryable NETWORK failure', async () => {
    const port = await closedPort();
    const error = failure(await run({ url: `http://127.0.0.1:${port}/x` }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'NETWORK', retryable: true });
    assert.match(error.message, /ECONNREFUSED/);
  });

  it('times out through the AbortSignal while the body is still arriving', async () => {
    const controller = new AbortController();
    const pending = run({ url: `${base}/hang` }, { signal: controller.signal });
    while (!received.some((entry) => entry.url === '/hang')) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new DOMException('step timeout', 'TimeoutError'));
    const result = await pending;
    const error = failure(result);
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'TIMEOUT', retryable: true });
    assert.equal(result.status === 'failed' ? result.toolCalls?.[0]?.status : '', 'TIMEOUT');
  });

  it('caps the body and marks it truncated (kept as text)', async () => {
    const output = completed(await run({ url: `${base}/big` }, {}, { maxBodyBytes: 100 }));
    assert.equal(output.body_truncated, true);
    assert.equal(String(output.body).length, 100);
  });

  it('fails with INVALID_OUTPUT when a JSON response is not JSON', async () => {
    assert.equal(failure(await run({ url: `${base}/badjson` })).code, 'INVALID_OUTPUT');
  });

  it('refuses secrets in the URL, line breaks in headers, bodies on GET and non-http URLs', async () => {
    const inUrl = failure(await run({ url: `${base}/x?key=\${secrets.API_TOKEN}` }));
    assert.deepEqual({ code: inUrl.code, retryable: inUrl.retryable }, { code: 'TEMPLATE_ERROR', retryable: false });
    assert.match(inUrl.message, /not put in URLs/);
    const injected = failure(await run({ url: `${base}/x`, headers: { 'X-Name': '${inputs.name}' } }, { input: { name: 'a\r\nX-Admin: 1' } }));
    assert.equal(injected.code, 'TEMPLATE_ERROR');
    assert.equal(failure(await run({ url: `${base}/x`, body_template: { a: 1 } })).code, 'INVALID_RUNTIME');
    assert.deepEqual(failure(await run({ url: 'file:///etc/passwd' })), { code: 'UNSUPPORTED_SCHEME', message: 'call: runtime.url must be http or https, not file:', retryable: false });
    assert.equal(failure(await run({ method: 'POST' })).code, 'INVALID_RUNTIME');
  });

  it('records the request as a tool call with header names but no values', async () => {
    const result = await run({ method: 'PUT', url: `${base}/r`, headers: { Authorization: 'Bearer ${secrets.API_TOKEN}' }, body_template: 'raw ${inputs.v}' }, { input: { v: 1 } });
    assert.equal(result.status, 'completed');
    const [call] = result.status === 'completed' ? result.toolCalls ?? [] : [];
    assert.deepEqual({ tool: call.tool, status: call.status, input: call.input, output: call.output }, {
      tool: 'http', status: 'COMPLETED', input: { method: 'PUT', url: `${base}/r`, headers: ['Authorization', 'Content-Type', 'Idempotency-Key'] }, output: { status: 201 },
    });
    assert.doesNotMatch(JSON.stringify(result), /tok-abcdef123/);
  });
});
