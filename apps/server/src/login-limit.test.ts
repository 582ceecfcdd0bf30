import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLoginLimiter } from '@sopflow/service';
import { processRecordsOf } from '@sopflow/store';
import { createFixture, type Fixture } from './test-support/server-fixture.js';

const PASSWORD = 'correct horse battery staple';

/** Two servers on one database: failures made on one count on the other; keys are stored hashed. */
async function checkSharedLimit(f: Fixture, suffix: string): Promise<void> {
  const second = await f.secondApp({ loginLimit: { maxFailures: 3, windowMs: 60_000 } });
  try {
    const signIn = async (app: Fixture['app'], email: string, password: string, client: string) => {
      // The client is the connection's address: in-process, the node server's socket is stood in for.
      const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) }, { incoming: { socket: { remoteAddress: client } } });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() as any };
    };
    const email = `limited-${suffix}@acme.test`;
    await f.userToken(email, ['viewer'], 'read', PASSWORD);
    await f.userToken(`other-${suffix}@acme.test`, ['viewer'], 'read', PASSWORD);
    for (let i = 0; i < 3; i++) assert.equal((await signIn(f.app, email, 'wrong password', `10.0.0.${i}`)).status, 401);
    const limited = await signIn(second.app, email, PASSWORD, '10.0.1.1');
    assert.equal(limited.status, 429, 'the other server counts the failures made on the first');
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.ok(Number(limited.retryAfter) > 0 && Number(limited.retryAfter) <= 60);

    // The client key: three failures from one address limit it for any email, on both servers; another address is fine.
    for (let i = 0; i < 3; i++) assert.equal((await signIn(second.app, `nobody-${i}@acme.test`, 'wrong password', '10.9.9.9')).status, 401);
    assert.equal((await signIn(f.app, `other-${suffix}@acme.test`, PASSWORD, '10.9.9.9')).status, 429);
    assert.equal((await signIn(f.app, `other-${suffix}@acme.test`, PASSWORD, '10.8.8.8')).status, 200);

    const failures = processRecordsOf(f.ws.store)!.loginFailures;
    assert.deepEqual(await failures.recent(['client:10.9.9.9', `email:${email}`], 0), [], 'no key is stored in the clear');
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.deepEqual((await failures.recent([sha('client:10.9.9.9')], 0)).map((r) => r.count), [3], 'only its SHA-256');
  } finally {
    await second.close();
  }
}

describe('the login limit in the store (SQLite)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ loginLimit: { maxFailures: 3, windowMs: 60_000 } }, { scheduler: false }); });
  after(async () => { await f.close(); });

  it('counts failed sign-ins made on one server on another server of the same database, per email and per client', async () => {
    await checkSharedLimit(f, 'sqlite');
  });

  it('forgets a failure once it leaves the window, and a sign-in that succeeds clears its keys', async () => {
    const limiter = createLoginLimiter(f.ws.store, { maxFailures: 2, windowMs: 1000 });
    const keys = ['email:window@acme.test'];
    await limiter.fail(keys, 10_000);
    await limiter.fail(keys, 10_500);
    assert.equal(await limiter.retryAfter(keys, 10_600), 1, 'limited until the first failure is a window old');
    assert.equal(await limiter.retryAfter(keys, 11_001), 0, 'the first failure has left the window');
    await limiter.fail(keys, 11_100);
    assert.equal(await limiter.retryAfter(keys, 11_200), 1);
    await limiter.reset(keys);
    assert.equal(await limiter.retryAfter(keys, 11_200), 0);
  });
});

describe('the login limit in the store (PostgreSQL, a fresh schema dropped after)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ loginLimit: { maxFailures: 3, windowMs: 60_000 } }, { scheduler: false, postgres: true }); });
  after(async () => { await f.close(); });

  it('counts failed sign-ins made on one server on another server of the same database, per email and per client', async () => {
    await checkSharedLimit(f, 'postgres');
  });
});
