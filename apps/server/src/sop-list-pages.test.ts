import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

// Counted and cut into pages by the store's queries (COUNT(*), row_number()), so both stores run it.
for (const name of ['SQLite', 'PostgreSQL']) {
  describe(`the library's first page tells the total and every later page's cursor (${name})`, () => {
    let f: Fixture;
    const create = async (token: string, id: string) => (await f.call(token, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`) })).json.sop.id as string;
    let acme: string[];
    let globex: string[];
    before(async () => {
      f = await createFixture({}, { postgres: name === 'PostgreSQL' });
      acme = [];
      globex = [];
      for (let i = 0; i < 7; i++) acme.push(await create(f.tokenA, i < 2 ? `paged-${i}` : `other-${i}`));
      for (let i = 0; i < 3; i++) globex.push(await create(f.tokenB, `theirs-${i}`));
    });
    after(async () => { await f.close(); });

    it("counts only the caller's tenant (7 of acme, 3 of globex) and the later pages fetched at once give every SOP once, in order", async () => {
      const first = await f.call(f.tokenA, 'GET', '/api/sops?limit=3');
      assert.equal(first.status, 200);
      assert.equal(first.json.total, 7);
      assert.equal(first.json.pageCursors.length, 2);
      assert.equal(first.json.pageCursors[0], first.json.nextCursor);
      const later = await Promise.all(first.json.pageCursors.map((cursor: string) => f.call(f.tokenA, 'GET', `/api/sops?limit=3&cursor=${cursor}`)));
      assert.deepEqual([first, ...later].map((page) => page.json.sops.map((s: any) => s.id)).flat(), acme);
      assert.equal(later[0]!.json.total, undefined, 'a later page does not count again');
      assert.equal(later[1]!.json.nextCursor, null);

      const theirs = await f.call(f.tokenB, 'GET', '/api/sops?limit=3');
      assert.equal(theirs.json.total, 3);
      assert.deepEqual(theirs.json.pageCursors, []);
      assert.equal(theirs.json.nextCursor, null);
      assert.deepEqual(theirs.json.sops.map((s: any) => s.id), globex);
    });

    it('counts what the query matches, and takes up to 1,000 a page (400 past it)', async () => {
      const searched = await f.call(f.tokenA, 'GET', '/api/sops?q=paged&limit=1');
      assert.equal(searched.json.total, 2);
      assert.equal(searched.json.pageCursors.length, 1);
      const all = await f.call(f.tokenA, 'GET', '/api/sops?limit=1000');
      assert.equal(all.status, 200);
      assert.equal(all.json.sops.length, 7);
      assert.deepEqual(all.json.pageCursors, []);
      const tooMany = await f.call(f.tokenA, 'GET', '/api/sops?limit=1001');
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.json.error.code, 'invalid_request');
    });

    it('documents total, pageCursors and the larger limit in the OpenAPI document', async () => {
      const doc = (await f.call(null, 'GET', '/api/openapi.json')).json;
      const list = doc.paths['/api/sops'].get;
      assert.equal(list.parameters.find((p: any) => p.name === 'limit').schema.maximum, 1000);
      const schema = list.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(schema.properties).sort(), ['nextCursor', 'pageCursors', 'sops', 'total']);
      assert.deepEqual(schema.required.sort(), ['nextCursor', 'sops']);
    });
  });
}
