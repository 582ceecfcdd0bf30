import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { RunStore } from '@sopflow/engine';
import { createPostgresStore, createSqliteStore, migrateStore, processRecordsOf, type CandidateDecisionRow, type StoreTarget } from '../index.js';
import { openMaintenanceDatabase } from '../maintenance/store-target.js';
import { storeMigrations } from '../schema/migrations.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

const MIGRATION = '0012_learning_decisions';
const known = Object.keys(await storeMigrations.getMigrations()).sort();
const before = known[known.indexOf(MIGRATION) - 1]!;
const drops: string[] = [];
after(async () => { for (const schema of drops) await dropTestSchema(schema); });

const targets: [string, () => Promise<{ target: StoreTarget; open: () => Promise<RunStore> }>][] = [
  ['sqlite', async () => {
    const file = join(tempDir(), 'store.db');
    return { target: { kind: 'sqlite', file }, open: () => createSqliteStore(file) };
  }],
  ['postgres', async () => {
    const schema = await freshTestSchema();
    drops.push(schema);
    return { target: { kind: 'postgres', url: TEST_POSTGRES_URL, schema }, open: () => createPostgresStore(TEST_POSTGRES_URL, { schema }) };
  }],
];

const decision = (over: Partial<CandidateDecisionRow>): CandidateDecisionRow => ({
  tenantId: 't-acme', sopId: 'sop-1', candidateId: 'uc_0000000000000001', versionId: 'ver-1', status: 'rejected', by: 'ann@acme.test',
  at: '2026-03-01T10:00:00.000Z', reason: 'not now', draftVersionId: null, ...over,
});

for (const [name, location] of targets) {
  describe(`learning records on ${name}`, () => {
    it('keeps the first decision on a candidate when two people decide at once, per tenant', async () => {
      const { open } = await location();
      const store = await open();
      try {
        const learning = processRecordsOf(store)!.learning;
        const outcomes = await Promise.all([
          learning.decideCandidate(decision({ status: 'approved', by: 'bob@acme.test', reason: null, draftVersionId: 'ver-2' })),
          learning.decideCandidate(decision({})),
        ]);
        assert.deepEqual(outcomes.filter(Boolean).length, 1, `exactly one decision is stored: ${JSON.stringify(outcomes)}`);
        const stored = await learning.listCandidateDecisions('t-acme', 'sop-1');
        assert.equal(stored.length, 1);
        assert.equal(stored[0]!.status, outcomes[0] ? 'approved' : 'rejected');
        assert.deepEqual(await learning.listCandidateDecisions('t-globex', 'sop-1'), [], "another tenant sees none of it");
        assert.equal(await learning.decideCandidate(decision({ tenantId: 't-globex' })), true, 'the same id in another tenant is its own');
        await learning.withdrawCandidateDecision('t-acme', 'uc_0000000000000001');
        assert.deepEqual(await learning.listCandidateDecisions('t-acme', 'sop-1'), []);
      } finally {
        await store.close();
      }
    });

    it("replaces an opportunity's assumptions and lists them by tenant and SOP", async () => {
      const { open } = await location();
      const store = await open();
      try {
        const learning = processRecordsOf(store)!.learning;
        await learning.setAssumptions({ tenantId: 't-acme', opportunityId: 'sop-1#review', sopId: 'sop-1', values: { costPerHour: 50 }, by: 'ann', at: '2026-03-01T10:00:00.000Z' });
        await learning.setAssumptions({ tenantId: 't-acme', opportunityId: 'sop-1#review', sopId: 'sop-1', values: { costPerHour: 65, currency: 'EUR' }, by: 'bob', at: '2026-03-02T10:00:00.000Z' });
        await learning.setAssumptions({ tenantId: 't-acme', opportunityId: 'sop-2#send', sopId: 'sop-2', values: { timeSavedShare: 0.5 }, by: 'ann', at: '2026-03-03T10:00:00.000Z' });
        const ofSop = await learning.listAssumptions('t-acme', 'sop-1');
        assert.deepEqual(ofSop.map((r) => [r.opportunityId, r.values, r.by]), [['sop-1#review', { costPerHour: 65, currency: 'EUR' }, 'bob']]);
        assert.equal((await learning.listAssumptions('t-acme')).length, 2);
        assert.deepEqual(await learning.listAssumptions('t-globex'), []);
      } finally {
        await store.close();
      }
    });

    it('merges simultaneous edits of different figures without losing one, per tenant', async () => {
      const { open } = await location();
      const store = await open();
      try {
        const learning = processRecordsOf(store)!.learning;
        const edit = (values: Record<string, number | string>, by: string, tenantId = 't-acme') => learning.mergeAssumptions({
          tenantId, opportunityId: 'sop-1#review', sopId: 'sop-1', values, by, at: '2026-03-01T10:00:00.000Z',
        });
        await edit({ costPerHour: 50, currency: 'USD' }, 'ann');
        const figures: Record<string, number | string>[] = [
          { costPerHour: 65 }, { timeSavedShare: 0.35 }, { automationShare: 0.8 }, { runningCostPerExecution: 0.12 },
          { fixedMonthlyCost: 400 }, { frequencyPerMonth: 1200 }, { minHistoryDays: 30 }, { currency: 'EUR' },
        ];
        const answers = await Promise.all(figures.map((values, i) => edit(values, `editor-${i}`)));
        const expected = Object.assign({}, ...figures) as Record<string, number | string>;
        const [stored] = await learning.listAssumptions('t-acme', 'sop-1');
        assert.deepEqual(stored!.values, expected, 'every figure of every edit is kept');
        for (const [i, answer] of answers.entries()) {
          for (const [name, value] of Object.entries(figures[i]!)) assert.equal(answer.values[name], value, `edit ${i} answers with its own ${name} merged in`);
        }
        assert.deepEqual((await edit({ costPerHour: 10 }, 'gus', 't-globex')).values, { costPerHour: 10 }, "another tenant's opportunity of the same id is its own");
        assert.deepEqual((await learning.listAssumptions('t-acme'))[0]!.values, expected);
      } finally {
        await store.close();
      }
    });

    it(`${MIGRATION} copies the decisions an older store kept in the admin audit log (first decision stands, last edit wins)`, async () => {
      const { target, open } = await location();
      await migrateStore(target, { to: before });
      const opened = await openMaintenanceDatabase(target);
      const audit = (id: string, at: string, action: string, target: string, details: unknown) => ({
        id, tenant_id: 't-acme', at, actor: `${id}@acme.test`, action, target, details: JSON.stringify(details),
      });
      try {
        await (opened.db as any).insertInto('admin_audit').values([
          audit('a1', '2026-03-01T10:00:00.000Z', 'sop.candidate.reject', 'sop-1', { candidateId: 'uc_1', versionId: 'ver-1', reason: 'no' }),
          audit('a2', '2026-03-01T11:00:00.000Z', 'sop.candidate.approve', 'sop-1', { candidateId: 'uc_1', versionId: 'ver-1', version: 'ver-9', from: 'ver-1' }),
          audit('a3', '2026-03-01T12:00:00.000Z', 'sop.candidate.approve', 'sop-1', { candidateId: 'uc_2', versionId: 'ver-1', version: 'ver-3', from: 'ver-1' }),
          audit('a4', '2026-03-02T10:00:00.000Z', 'opportunity.assumptions', 'sop-1#review', { values: { costPerHour: 50 }, changed: { costPerHour: 50 } }),
          audit('a5', '2026-03-02T11:00:00.000Z', 'opportunity.assumptions', 'sop-1#review', { values: { costPerHour: 70 }, changed: { costPerHour: 70 } }),
          audit('a6', '2026-03-02T12:00:00.000Z', 'sop.publish', 'sop-1', { version: 'ver-3' }),
        ]).execute();
      } finally {
        await opened.close();
      }
      assert.ok((await migrateStore(target)).ran.includes(MIGRATION));
      const store = await open();
      try {
        const learning = processRecordsOf(store)!.learning;
        const decisions = await learning.listCandidateDecisions('t-acme', 'sop-1');
        assert.deepEqual(decisions.map((d) => [d.candidateId, d.status, d.by, d.reason, d.draftVersionId]), [
          ['uc_1', 'rejected', 'a1@acme.test', 'no', null],
          ['uc_2', 'approved', 'a3@acme.test', null, 'ver-3'],
        ]);
        assert.deepEqual((await learning.listAssumptions('t-acme', 'sop-1')).map((r) => [r.opportunityId, r.values, r.by]), [['sop-1#review', { costPerHour: 70 }, 'a5@acme.test']]);
      } finally {
        await store.close();
      }
    });
  });
}
