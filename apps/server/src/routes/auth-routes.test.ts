import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createFixture, type Fixture } from '../test-support/server-fixture.js';

const PASSWORD = 'correct horse battery staple';

describe('POST /api/auth/login', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ webDir: null }); });
  after(async () => { await f.close(); });

  const sessionsOf = (email: string): number => {
    const db = new Database(f.cliEnv.SOPFLOW_DB!, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM sessions WHERE user_name = ?').get(email) as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('signs in with the tenant name and one session', async () => {
    await f.userToken('signs-in@acme.test', ['viewer'], 'read', PASSWORD);
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'signs-in@acme.test', password: PASSWORD });
    assert.equal(login.status, 200, JSON.stringify(login.json));
    assert.equal(login.json.user.tenantName, 'acme');
    assert.match(login.headers.get('set-cookie') ?? '', /^sopflow_session=/);
    assert.equal(sessionsOf('signs-in@acme.test'), 1);
  });

  it('when the tenant cannot be read after the password is right: an error, no cookie, and no session left in the store', async () => {
    await f.userToken('orphan@acme.test', ['viewer'], 'read', PASSWORD);
    // The tenants table loses the column its lookup reads: the password check and the session insert pass, the tenant read fails.
    const db = new Database(f.cliEnv.SOPFLOW_DB!);
    try {
      db.prepare('ALTER TABLE tenants RENAME COLUMN slug TO slug_gone').run();
    } finally {
      db.close();
    }
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'orphan@acme.test', password: PASSWORD });
    assert.notEqual(login.status, 200, JSON.stringify(login.json));
    assert.equal(login.headers.get('set-cookie'), null);
    assert.equal(sessionsOf('orphan@acme.test'), 0);
  });
});
