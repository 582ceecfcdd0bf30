import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { RunStore } from '@sopflow/engine';
import { createPostgresStore, createSqliteStore, processRecordsOf, type SopRow, type SopVersionRow } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

const drops: string[] = [];
after(async () => { for (const schema of drops) await dropTestSchema(schema); });

const stores: [string, () => Promise<RunStore>][] = [
  ['SQLite', () => createSqliteStore(join(tempDir(), 'store.db'))],
  ['PostgreSQL', async () => {
    const schema = await freshTestSchema();
    drops.push(schema);
    return createPostgresStore(TEST_POSTGRES_URL, { schema });
  }],
];

const AT = '2026-03-01T10:00:00.000Z';

/** An SOP and its version of the tenant; `n` orders the ids. */
function sop(tenantId: string, n: number, fields: Partial<SopRow> = {}): [SopRow, SopVersionRow] {
  const id = `sop_${tenantId}${String(n).padStart(3, '0')}`;
  return [
    {
      id, tenantId, workstreamId: null, workflowId: `wf-${n}`, title: `Close ticket ${n}`, description: null, status: 'active', allowOverlap: false,
      currentVersionId: `sv_${id}`, createdBy: 'ann', createdAt: AT, updatedAt: AT, isPublic: false, ...fields,
    },
    {
      id: `sv_${id}`, tenantId, sopId: id, semver: '1.0.0', contentHash: 'h', text: 'x', certification: 'none', approvedBy: null, approvedAt: null,
      createdBy: 'ann', createdAt: AT,
    },
  ];
}

for (const [name, open] of stores) {
  describe(`the library's first page on ${name}`, () => {
    it("firstPage takes the tenant's SOPs under the same filters as list: the page, the total and every later page's start", async () => {
      const store = await open();
      try {
        const records = processRecordsOf(store)!;
        for (const tenant of ['acme', 'globex']) await records.tenants.insert({ id: tenant, slug: tenant, name: tenant, createdAt: AT });
        for (let n = 0; n < 11; n++) {
          await records.sops.insertSop(...sop('acme', n, n % 3 === 0 ? { title: `Review 100%_invoice ${n}`, status: 'draft' } : {}));
        }
        for (let n = 0; n < 4; n++) await records.sops.insertSop(...sop('globex', n));
        const sops = records.sops;
        const all = await sops.list('acme', { limit: 100 });
        const ids = all.map((s) => s.id);

        assert.deepEqual(await sops.firstPage('acme', {}, 3), { rows: all.slice(0, 3), total: 11, ends: [ids[2], ids[5], ids[8]] }, 'the rows are read whole, as list reads them');
        assert.deepEqual(await sops.firstPage('acme', {}, 11), { rows: all, total: 11, ends: [] }, 'a full last page starts no page after it');
        assert.deepEqual(await sops.firstPage('acme', {}, 12), { rows: all, total: 11, ends: [] });
        assert.deepEqual((await sops.firstPage('acme', {}, 1)).ends, ids.slice(0, 10));
        assert.deepEqual(await sops.firstPage('nobody', {}, 3), { rows: [], total: 0, ends: [] });
        const globex = await sops.firstPage('globex', {}, 2);
        assert.deepEqual([globex.rows.map((s) => s.id), globex.total, globex.ends], [['sop_globex000', 'sop_globex001'], 4, ['sop_globex001']], "only the tenant's own SOPs");
        const drafts = (await sops.list('acme', { status: 'draft', limit: 100 })).map((s) => s.id);
        const draftPage = await sops.firstPage('acme', { status: 'draft' }, 2);
        assert.deepEqual([draftPage.rows.map((s) => s.id), draftPage.total, draftPage.ends], [drafts.slice(0, 2), 4, [drafts[1]]]);
        const search = await sops.firstPage('acme', { q: '100%_INV' }, 3);
        assert.deepEqual([search.rows.map((s) => s.id), search.total, search.ends], [drafts.slice(0, 3), 4, [drafts[2]]], 'q is case-insensitive and takes % and _ literally');
        assert.deepEqual(await sops.firstPage('acme', { q: '1000' }, 3), { rows: [], total: 0, ends: [] });

        for (const end of (await sops.firstPage('acme', {}, 3)).ends) {
          const next = await sops.list('acme', { limit: 3, afterId: end });
          assert.equal(next[0]!.id, ids[ids.indexOf(end) + 1], 'the next page starts right after the end');
        }
        await assert.rejects(sops.firstPage('acme', {}, 0), RangeError);
      } finally {
        await store.close();
      }
    });

    it('counts exactly at the page boundaries: limit − 1, limit, limit + 1 and 2 × limit SOPs', async () => {
      const store = await open();
      try {
        const records = processRecordsOf(store)!;
        const limit = 4;
        for (const total of [limit - 1, limit, limit + 1, 2 * limit]) {
          const tenant = `t${total}`;
          await records.tenants.insert({ id: tenant, slug: tenant, name: tenant, createdAt: AT });
          for (let n = 0; n < total; n++) await records.sops.insertSop(...sop(tenant, n));
          const ids = Array.from({ length: total }, (_, n) => `sop_${tenant}${String(n).padStart(3, '0')}`);
          // Counted from an index (no filter, a status) and from the search's one scan (q).
          for (const filter of [{}, { status: 'active' }, { q: 'TICKET' }]) {
            const page = await records.sops.firstPage(tenant, filter, limit);
            const of = `${total} SOPs, filter ${JSON.stringify(filter)}`;
            assert.equal(page.total, total, `total of ${of}`);
            assert.deepEqual(page.rows.map((s) => s.id), ids.slice(0, limit), `page of ${of}`);
            assert.deepEqual(page.ends, total > limit ? ids.filter((_, i) => (i + 1) % limit === 0 && i + 1 < total) : [], `page ends of ${of}`);
          }
        }
      } finally {
        await store.close();
      }
    });
  });
}
