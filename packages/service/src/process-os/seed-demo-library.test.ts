import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapFirstTenant, debriefSop, listSops, openWorkspace, seedDemoLibrary } from '../index.js';
import { accountActor } from './authenticate.js';

describe('the demo library (sopflow serve --demo)', () => {
  it('seeds the examples and a purchase request whose denied run is an approval denied — an outcome in the debrief, not a potential error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-demo-seed-'));
    const ws = await openWorkspace({ db: join(dir, 'state.db'), auditKeyFile: join(dir, 'audit.key'), env: {} });
    try {
      const local = { store: ws.store, engine: ws.engine, localAdmin: 'test' };
      assert.ok(await bootstrapFirstTenant(local));
      const seeded = await seedDemoLibrary(local, new URL('../../../../examples/', import.meta.url));
      assert.deepEqual(seeded && [seeded.workstreams, seeded.runs], [2, 3]);
      assert.equal(await seedDemoLibrary(local, new URL('../../../../examples/', import.meta.url)), undefined, 'seeding twice changes nothing');

      const tenantId = (await ws.store.processRecords.tenants.list())[0]!.id;
      const owner = { ...local, actor: await accountActor(ws.store, tenantId, 'owner@localhost', 'session') };
      const purchase = (await listSops(owner, { q: 'Purchase request' })).sops.find((s) => s.title === 'Purchase request')!;
      const { report } = await debriefSop(owner, purchase.id);
      assert.equal(report.outcomes.approvalDenied.length, 1, JSON.stringify(report.outcomes));
      assert.equal(report.classes.POTENTIAL_ERROR ?? 0, 0, JSON.stringify(report.classes));
    } finally {
      await ws.close();
    }
  });
});
