import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Runtime } from '@sopflow/format';
import { fixedSecrets, makeNode, makeRequest } from '../../../test-support/executor-request.js';
import { completed, failure } from '../../../test-support/step-result-outcome.js';
import type { StepRequest, StepResult } from '../../ports/step-executor.js';
import { createApiExecutor, type ApiExecutorOptions } from './create-api-executor.js';

interface Seen { origin: 'a' | 'b'; method: string; url: string; headers: IncomingMessage['headers']; body: string }
const seen: Seen[] = [];
let a: Server;
let b: Server;
let originA = '';
let originB = '';

/** Two real servers on 127.0.0.1, two ports: two origins. `/go?to=X&status=N` redirects; anything else echoes. */
function start(origin: 'a' | 'b'): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ origin, method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const url = new URL(request.url ?? '/', 'http://x');
      if (url.pathname === '/go') {
        response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/' }).end();
      } else if (url.pathname === '/loop') {
        response.writeHead(302, { location: '/loop' }).end();
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ origin, method: request.method }));
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  [a, b] = [await start('a'), await start('b')];
  originA = `http://127.0.0.1:${(a.address() as AddressInfo).port}`;
  originB = `http://127.0.0.1:${(b.address() as AddressInfo).port}`;
});
after(() => {
  for (const server of [a, b]) {
    server.closeAllConnections();
    server.close();
  }
});
beforeEach(() => {
  seen.length = 0;
});

const secrets = fixedSecrets({ API_TOKEN: 'tok-abcdef123', SESSION: 'sess-99887766' });
const secretHeaders = {
  Authorization: 'Bearer ${secrets.API_TOKEN}',
  Cookie: 'session=${secrets.SESSION}',
  'X-Custom-Auth': '${secrets.API_TOKEN}',
  'X-Trace': 'trace-1',
};

function run(runtime: Runtime, overrides: Partial<StepRequest> = {}, options: ApiExecutorOptions = {}): Promise<StepResult> {
  const node = makeNode({ id: 'call', type: 'api', runtime });
  return createApiExecutor({ env: {}, ...options }).execute(makeRequest(node, { secrets, allowedHosts: ['127.0.0.1'], ...overrides }));
}

const to = (target: string, status = 302): string => `${originA}/go?to=${encodeURIComponent(target)}&status=${status}`;

describe('createApiExecutor — redirects', () => {
  it('drops Authorization, Cookie and every secret-bearing header when a redirect changes the origin', async () => {
    const output = completed(await run({ url: to(`${originB}/landing`), headers: secretHeaders }));
    assert.deepEqual(output.body, { origin: 'b', method: 'GET' });
    const atB = seen.find((entry) => entry.origin === 'b');
    assert.ok(atB !== undefined, 'the redirect was followed');
    assert.equal(atB.headers.authorization, undefined);
    assert.equal(atB.headers.cookie, undefined);
    assert.equal(atB.headers['x-custom-auth'], undefined);
    assert.equal(atB.headers['x-trace'], 'trace-1', 'a header without a secret is kept');
    assert.doesNotMatch(JSON.stringify(atB.headers), /tok-abcdef123|sess-99887766/);
  });

  it('keeps the headers on a same-origin redirect', async () => {
    completed(await run({ url: to('/landing'), headers: secretHeaders }));
    const second = seen[1];
    assert.equal(second.origin, 'a');
    assert.equal(second.headers.authorization, 'Bearer tok-abcdef123');
  });

  it('refuses a cross-origin 307 that would resend a body holding a secret, and sends nothing there', async () => {
    const error = failure(await run({ method: 'POST', url: to(`${originB}/landing`, 307), body_template: { token: '${secrets.API_TOKEN}' } }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'UNSAFE_REDIRECT', retryable: false });
    assert.equal(seen.filter((entry) => entry.origin === 'b').length, 0);
  });

  it('turns POST into a GET without a body after a 303', async () => {
    const output = completed(await run({ method: 'POST', url: to('/landing', 303), body_template: { a: 1 } }));
    assert.deepEqual(output.body, { origin: 'a', method: 'GET' });
    assert.deepEqual({ method: seen[1].method, body: seen[1].body, type: seen[1].headers['content-type'] }, { method: 'GET', body: '', type: undefined });
  });

  it('makes a redirect to file:// a terminal UNSUPPORTED_SCHEME, not a retryable network error', async () => {
    const error = failure(await run({ url: to('file:///etc/passwd') }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'UNSUPPORTED_SCHEME', retryable: false });
    assert.match(error.message, /file:/);
  });

  it('stops a redirect loop with a terminal TOO_MANY_REDIRECTS', async () => {
    const error = failure(await run({ url: `${originA}/loop` }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'TOO_MANY_REDIRECTS', retryable: false });
    assert.ok(seen.length <= 11, `${seen.length} requests`);
  });

  it('returns the 3xx itself when follow_redirects is false', async () => {
    const output = completed(await run({ url: to(`${originB}/landing`), follow_redirects: false }));
    assert.equal(output.status, 302);
    assert.equal((output.headers as Record<string, string>).location, `${originB}/landing`);
    assert.equal(seen.length, 1);
  });
});

describe('createApiExecutor — allowed hosts', () => {
  it('refuses loopback with a terminal HOST_NOT_ALLOWED when allowed_hosts does not list it, sending nothing', async () => {
    for (const allowedHosts of [undefined, [], ['api.example.com']]) {
      const overrides: Partial<StepRequest> = allowedHosts === undefined ? { allowedHosts: undefined } : { allowedHosts };
      const error = failure(await run({ url: `${originA}/x` }, overrides));
      assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'HOST_NOT_ALLOWED', retryable: false }, JSON.stringify(allowedHosts));
    }
    assert.equal(seen.length, 0);
  });

  it('checks the address a name resolves to, not only the name', async () => {
    const port = (a.address() as AddressInfo).port;
    // "localhost" is not listed, and resolves to a loopback address that is not listed either.
    const byName = failure(await run({ url: `http://localhost:${port}/x` }, { allowedHosts: [] }));
    assert.equal(byName.code, 'HOST_NOT_ALLOWED');
    const rebound = failure(await run({ url: 'http://metadata.example.org/latest' }, { allowedHosts: ['metadata.example.org'] }, {
      lookup: async () => [{ address: '169.254.169.254', family: 4 }],
    }));
    assert.equal(rebound.code, 'HOST_NOT_ALLOWED');
    assert.match(rebound.message, /169\.254\.169\.254/);
    assert.equal(seen.length, 0);
  });

  it('refuses a redirect to a host that is not allowed', async () => {
    const port = (b.address() as AddressInfo).port;
    const error = failure(await run({ url: to(`http://localhost:${port}/landing`), headers: secretHeaders }));
    assert.deepEqual({ code: error.code, retryable: error.retryable }, { code: 'HOST_NOT_ALLOWED', retryable: false });
    assert.equal(seen.filter((entry) => entry.origin === 'b').length, 0);
  });
});
