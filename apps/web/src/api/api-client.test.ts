// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_OSOP } from '../../../server/src/test-support/server-fixture';
import { startInProcessServer, type InProcessServer } from '../test-support/in-process-server';
import { createApiClient } from './api-client';
import { ApiError, describeError } from './api-error';

describe('the API client against the real server app', () => {
  let server: InProcessServer;
  let sopId: string;

  beforeAll(async () => {
    server = await startInProcessServer();
    const created = await server.fixture.call(server.fixture.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP });
    sopId = created.json.sop.id;
    await server.fixture.call(server.fixture.tokenA, 'POST', `/api/sops/${sopId}/publish`);
  });
  afterAll(() => server.close());

  it('sends the session CSRF token on a change, so a cookie session may start a run', async () => {
    await server.signIn();
    const started = await server.client.post<{ runId: string }>(`/api/sops/${sopId}/run`);
    expect(started.runId).toMatch(/^r-/);
  });

  it('throws the server refusal as ApiError with its code when the CSRF token is missing', async () => {
    await server.signIn();
    server.client.setCsrfToken(null);
    const error = await server.client.post(`/api/sops/${sopId}/publish`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).code).toBe('not_authorised');
    expect(describeError(error).message).toMatch(/CSRF token/);
  });

  it('says the server is unreachable, with what to do, when nothing answers', async () => {
    const client = createApiClient({ baseUrl: 'http://127.0.0.1:9' });
    const error = await client.get('/api/sops').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('network');
    expect(describeError(error)).toMatchObject({ title: 'The server is unreachable', next: expect.stringMatching(/sopflow serve/) });
  });

  it('rejects a wrong password with the server words, as a sentence', async () => {
    const error = await server.client.post('/api/auth/login', { email: 'owner@acme.test', password: 'wrong' }).catch((e: unknown) => e);
    expect((error as ApiError).status).toBe(401);
    expect(describeError(error).message).toMatch(/\.$/);
  });
});
