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
  describe(`the library's count and page ends on ${name}`, () => {
    it("count and pageEnds take the tenant's SOPs under the same filters as list, and every page end is the afterId of the next page", async () => {
      const store = await open();
      try {
        const records = processRecordsOf(store)!;
        for (const tenant of ['acme', 'globex']) await records.tenants.insert({ id: tenant, slug: tenant, name: tenant, createdAt: AT });
        for (let n = 0; n < 11; n++) {
          await records.sops.insertSop(...sop('acme', n, n % 3 === 0 ? { title: `Review 100%_invoice ${n}`, status: 'draft' } : {}));
        }
        for (let n = 0; n < 4; n++) await records.sops.insertSop(...sop('globex', n));
        const sops = records.sops;

        assert.equal(await sops.count('acme', {}), 11);
        assert.equal(await sops.count('globex', {}), 4, "another tenant's SOPs are not counted");
        assert.equal(await sops.count('nobody', {}), 0);
        assert.equal(await sops.count('acme', { status: 'draft' }), 4);
        assert.equal(await sops.count('acme', { q: '100%_INV' }), 4, 'q is case-insensitive and takes % and _ literally');
        assert.equal(await sops.count('acme', { q: '1000' }), 0);

        const all = (await sops.list('acme', { limit: 100 })).map((s) => s.id);
        assert.deepEqual(await sops.pageEnds('acme', {}, 3), [all[2], all[5], all[8]]);
        assert.deepEqual(await sops.pageEnds('acme', {}, 11), [all[10]], 'a full last page ends at the last SOP');
        assert.deepEqual(await sops.pageEnds('acme', {}, 12), []);
        assert.deepEqual(await sops.pageEnds('acme', {}, 1), all);
        assert.deepEqual(await sops.pageEnds('globex', {}, 2), ['sop_globex001', 'sop_globex003'], "only the tenant's own ids");
        const drafts = (await sops.list('acme', { status: 'draft', limit: 100 })).map((s) => s.id);
        assert.deepEqual(await sops.pageEnds('acme', { status: 'draft' }, 2), [drafts[1], drafts[3]]);
        assert.deepEqual(await sops.pageEnds('acme', { q: 'invoice' }, 3), [drafts[2]]);

        for (const end of await sops.pageEnds('acme', {}, 3)) {
          const next = await sops.list('acme', { limit: 3, afterId: end });
          assert.equal(next[0]!.id, all[all.indexOf(end) + 1], 'the next page starts right after the end');
        }
        await assert.rejects(sops.pageEnds('acme', {}, 0), RangeError);
      } finally {
        await store.close();
      }
    });
  });
}
