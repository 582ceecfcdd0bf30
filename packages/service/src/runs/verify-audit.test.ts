import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { auditKeyId, createPostgresStore, processRecordsOf, type AuditKey } from '@sopflow/store';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../store/src/test-support/postgres-test-schema.js';
import { writeSampleRun } from '../../../store/src/test-support/sample-run.js';
import { verifyAudit } from '../index.js';
import { countingClient } from '../../../store/src/test-support/counting-pg-client.js';

const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 9)), secret: Buffer.alloc(32, 9) };

/** Every statement the store's pooled connections send, in order. */
const sent: string[] = [];
const CountingClient = countingClient(sent);

/** The statements sent since `from` that read the admin log's rows, and its heads. */
function adminReads(from: number): { rows: string[]; heads: string[] } {
  const since = sent.slice(from);
  return { rows: since.filter((s) => /\badmin_audit\b/.test(s)), heads: since.filter((s) => /\badmin_audit_heads\b/.test(s)) };
}

describe('verifyAudit reads the admin log only when it checks it, and once (PostgreSQL, statements counted)', () => {
  let schema = '';
  after(async () => { if (schema !== '') await dropTestSchema(schema); });

  it("one run's check reads no admin row; the whole store's reads the rows once and the heads once, and checks both tenants' logs and the checkpoint's admin heads", async () => {
    schema = await freshTestSchema();
    const store = await createPostgresStore({ connectionString: TEST_POSTGRES_URL, Client: CountingClient } as pg.PoolConfig, { schema, auditKey: key });
    try {
      await writeSampleRun(store, 'r');
      for (const tenant of ['t-a', 't-b']) {
        for (let n = 1; n <= 3; n++) {
          await processRecordsOf(store)!.audit.record({ id: `au-${tenant}-${n}`, tenantId: tenant, at: `2026-12-07T10:00:0${n}.000Z`, actor: 'ops', action: 'user.add', target: `u${n}`, details: null });
        }
      }
      await store.writeAuditCheckpoint(new Date('2026-12-07T11:00:00.000Z'));

      let from = sent.length;
      const one = await verifyAudit({ store }, 'r');
      assert.deepEqual([one.ok, one.runsChecked, one.adminLog], [true, 1, undefined]);
      assert.deepEqual(adminReads(from), { rows: [], heads: [] }, "one run's check reads nothing of the admin log");

      from = sent.length;
      const whole = await verifyAudit({ store });
      assert.equal(whole.ok, true, JSON.stringify(whole.breaks));
      assert.deepEqual({ tenants: whole.adminLog?.tenantsChecked, rows: whole.adminLog?.rowsChecked }, { tenants: 2, rows: 6 });
      assert.deepEqual(whole.checkpoint && [whole.checkpoint.runCount, whole.checkpoint.adminLogCount], [1, 2], 'the checkpoint held the run and both admin heads');
      const reads = adminReads(from);
      assert.equal(reads.rows.length, 1, `admin rows read once: ${JSON.stringify(reads.rows)}`);
      assert.equal(reads.heads.length, 1, `admin heads read once: ${JSON.stringify(reads.heads)}`);
    } finally {
      await store.close();
    }
  });
});
