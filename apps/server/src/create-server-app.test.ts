import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SmartRouter } from 'hono/router/smart-router';
import { createFixture, type Fixture } from './test-support/server-fixture.js';

describe('the server app', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ hub: true }); });
  after(async () => { await f.close(); });

  it("routes every request with Hono's RegExpRouter: no route pattern sends the app to its slower TrieRouter", async () => {
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops')).status, 200);
    assert.equal((f.app.router as SmartRouter<unknown>).activeRouter.name, 'RegExpRouter');
  });

  it('still answers POST /api/sops/import at its path: 400 without a fitting body, and the 404 of an unknown route for another id', async () => {
    for (const sent of [undefined, { document: 'doc_1' }]) {
      const refused = await f.call(f.tokenA, 'POST', '/api/sops/import', sent);
      assert.equal(refused.status, 400, JSON.stringify(sent));
      assert.equal(refused.json.error.code, 'invalid_request');
    }
    assert.equal((await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: 'doc_missing' })).status, 404);
    const unknown = await f.call(f.tokenA, 'POST', '/api/sops/importer', { documentId: 'doc_missing' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.message, 'no route POST /api/sops/importer');
    assert.ok(Object.hasOwn(f.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '0' } }).paths ?? {}, '/api/sops/import'), 'documented');
  });
});
