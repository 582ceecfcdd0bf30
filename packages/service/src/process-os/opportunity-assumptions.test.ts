import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTenant, openWorkspace, type Workspace } from '@sopflow/service';
// The store's own helper for PostgreSQL test schemas (fails, never skips, when the server is down).
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../store/src/test-support/postgres-test-schema.js';
import { readAssumptionEdits, recordAssumptionEdit } from './opportunity-assumptions.js';
import type { ProcessContext } from './tenant-actor.js';

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`opportunity assumption edits on ${backend}`, () => {
    let dir: string;
    let ws: Workspace;
    let schema: string | undefined;
    let tenantId = '';
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sopflow-assumptions-'));
      schema = backend === 'postgres' ? await freshTestSchema() : undefined;
      ws = await openWorkspace({
        db: schema === undefined ? join(dir, 's.db') : TEST_POSTGRES_URL, auditKeyFile: join(dir, 'audit.key'), baseDir: dir,
        ...(schema === undefined ? {} : { env: { ...process.env, SOPFLOW_DB_SCHEMA: schema } }),
      });
      tenantId = (await createTenant({ store: ws.store, localAdmin: 'test' }, { slug: 'acme' })).id;
    });
    after(async () => {
      await ws.close();
      if (schema !== undefined) await dropTestSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    });

    const editor = (name: string): ProcessContext => ({
      store: ws.store, actor: { name, email: name, roles: [], admin: false, tenantId, accountRoles: ['editor'], via: 'session' },
    });
    const exists = async () => {};

    it('keeps both figures when two people edit different figures of one opportunity at the same moment', async () => {
      await recordAssumptionEdit(editor('ann@acme.test'), 'sop-1#review', { costPerHour: 50 }, exists);
      const [bob, cho] = await Promise.all([
        recordAssumptionEdit(editor('bob@acme.test'), 'sop-1#review', { timeSavedShare: 0.4 }, exists),
        recordAssumptionEdit(editor('cho@acme.test'), 'sop-1#review', { currency: 'EUR' }, exists),
      ]);
      const stored = (await readAssumptionEdits(editor('ann@acme.test'), tenantId, 'sop-1')).get('sop-1#review');
      assert.deepEqual(stored?.values, { costPerHour: 50, timeSavedShare: 0.4, currency: 'EUR' });
      assert.deepEqual([bob!.values.timeSavedShare, bob!.values.costPerHour, cho!.values.currency, cho!.values.costPerHour], [0.4, 50, 'EUR', 50], 'each answer has its own figure and the earlier ones');
      assert.ok(['bob@acme.test', 'cho@acme.test'].includes(stored!.by));
    });
  });
}
