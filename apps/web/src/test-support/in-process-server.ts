import type { ServerAppOptions } from '../../../server/src/create-server-app';
import { createFixture, type Fixture } from '../../../server/src/test-support/server-fixture';
import { createApiClient, type ApiClient } from '../api/api-client';

export interface InProcessServer {
  fixture: Fixture;
  /**
   * A client that calls the real app in-process: with an admin token of ops@acme.test (owner,
   * step role `ops`), or (after signIn) carrying the session cookie like a browser.
   */
  client: ApiClient;
  /** Signs in as ops@acme.test (cookie session; the client gets its CSRF token). */
  signIn(email?: string, password?: string): Promise<void>;
  /** From now on the client sends no token: only a session cookie, once signed in (as a browser). */
  useSessionOnly(): void;
  close(): Promise<void>;
}

/** The real server app on a temporary SQLite store (the server's own test fixture), called without a socket; `options` as `sopflow serve` takes them (`hub`). */
export async function startInProcessServer(options: ServerAppOptions = {}): Promise<InProcessServer> {
  const fixture = await createFixture(options);
  const token = await fixture.userToken('ops@acme.test', ['owner', 'ops'], 'admin', 'correct horse battery staple');
  let cookie: string | null = null;
  let sessionOnly = false;
  // Under happy-dom, Response headers drop Set-Cookie (as a browser's fetch does), so a sign-in the
  // server accepted is carried on with the user's token instead; real cookies are the e2e test's.
  let signedInWithoutCookie = false;
  const client = createApiClient({
    baseUrl: 'http://sopflow.test',
    fetch: async (input, init) => {
      // A plain record: a DOM Headers object drops `cookie`, as browsers do.
      const headers: Record<string, string> = { ...(init?.headers as Record<string, string> | undefined) };
      if (cookie !== null) headers.cookie = cookie;
      else if ((!sessionOnly || signedInWithoutCookie) && !String(input).endsWith('/api/auth/login')) headers.authorization = `Bearer ${token}`;
      const res = await fixture.app.request(String(input), { ...init, headers });
      const set = res.headers.getSetCookie?.()[0] ?? res.headers.get('set-cookie');
      if (set !== null && set !== undefined) cookie = /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(set) ? null : set.split(';')[0]!;
      else if (sessionOnly && res.ok && String(input).endsWith('/api/auth/login')) signedInWithoutCookie = true;
      else if (sessionOnly && String(input).endsWith('/api/auth/logout')) signedInWithoutCookie = false;
      return res;
    },
  });
  return {
    fixture, client,
    useSessionOnly() { sessionOnly = true; },
    async signIn(email = 'ops@acme.test', password = 'correct horse battery staple') {
      sessionOnly = true;
      const me = await client.post<{ csrfToken: string | null }>('/api/auth/login', { email, password });
      client.setCsrfToken(me.csrfToken);
    },
    close: () => fixture.close(),
  };
}
