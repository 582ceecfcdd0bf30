import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadWorkflow, validateSource } from '@sopflow/format';
import { addAccountUser, authenticateToken, createTenant, createToken, journeyReport, journeySessionLogs, openWorkspace, type Workspace } from '@sopflow/service';
import { seedJourneySessions, SIGNUP_JOURNEY_FILE } from '../test-support/journey-sessions.js';
// The store's own helper for PostgreSQL test schemas (fails, never skips, when the server is down).
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../store/src/test-support/postgres-test-schema.js';

const ideal = loadWorkflow(readFileSync(SIGNUP_JOURNEY_FILE, 'utf8'), 'signup.osop').workflow!;

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`journey report on ${backend}: eight seeded sessions whose figures were worked out by hand`, () => {
    let dir: string;
    let ws: Workspace;
    let schema: string | undefined;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sopflow-journey-'));
      schema = backend === 'postgres' ? await freshTestSchema() : undefined;
      ws = await openWorkspace({
        db: schema === undefined ? join(dir, 's.db') : TEST_POSTGRES_URL, auditKeyFile: join(dir, 'audit.key'), baseDir: dir,
        ...(schema === undefined ? {} : { env: { ...process.env, SOPFLOW_DB_SCHEMA: schema } }),
      });
      const local = { store: ws.store, localAdmin: 'test' };
      for (const slug of ['acme', 'globex']) await createTenant(local, { slug });
      await seedJourneySessions(ws, 'acme');
    });
    after(async () => {
      await ws.close();
      if (schema !== undefined) await dropTestSchema(schema);
      rmSync(dir, { recursive: true, force: true });
    });

    it('gives the funnel, drop-off, conversions and detours, people and agents apart, for sessions since a date', async () => {
      const report = await journeyReport({ store: ws.store, localAdmin: 'test' }, { tenant: 'acme', ideal, since: '2026-12-01' });
      const { all, humans, agents } = report.funnel;
      assert.equal(report.since, '2026-12-01T00:00:00.000Z');
      assert.deepEqual(all.steps.map((s) => [s.id, s.reached, s.dropped]), [['home', 7, 1], ['pricing', 5, 2], ['signup', 4, 1], ['checkout', 3, 1]]);
      assert.deepEqual([all.sessions, all.converted, all.completed], [8, 4, 3]);
      assert.deepEqual(humans.steps.map((s) => s.reached), [5, 4, 3, 2]);
      assert.deepEqual(agents.steps.map((s) => s.reached), [2, 1, 1, 1]);
      assert.deepEqual(all.detours[0], { after: 'pricing', steps: ['blog', 'pricing'], sessions: 2 });
      const everything = await journeyReport({ store: ws.store, localAdmin: 'test' }, { tenant: 'acme', ideal });
      assert.deepEqual([everything.funnel.all.sessions, everything.funnel.all.steps[3]!.reached], [9, 4], 'without --since the session of 30 November counts');
    });

    it("proposes a better journey from the converting sessions only, and keeps each tenant's sessions to itself", async () => {
      const report = await journeyReport({ store: ws.store, localAdmin: 'test' }, { tenant: 'acme', ideal, since: '2026-12-01', synthesize: true });
      assert.equal(report.proposal?.sessions, 4);
      assert.equal(report.proposal?.valid, true, JSON.stringify(report.proposal?.diagnostics));
      assert.match(report.proposal!.text, /id: signup-journey/);
      assert.doesNotMatch(report.proposal!.text, /\bdocs\b/, 'no converting session visited the docs');
      assert.doesNotMatch(report.proposal!.text, /delegation_state|type: agent/, 'a journey proposes pages, not work to delegate');
      assert.match(report.proposal!.rationale, /"pricing" is optional: it ran in 3 of 4 runs/);
      const other = await journeyReport({ store: ws.store, localAdmin: 'test' }, { tenant: 'globex', ideal });
      assert.equal(other.funnel.all.sessions, 0);
      await addAccountUser({ store: ws.store, localAdmin: 'test' }, { tenant: 'globex', email: 'vi@globex.test', roles: ['viewer'] });
      const globexViewer = await authenticateToken(ws.store, (await createToken({ store: ws.store, localAdmin: 'test' }, { tenant: 'globex', user: 'vi@globex.test', scope: 'read' })).token);
      await assert.rejects(journeyReport({ store: ws.store, actor: globexViewer }, { tenant: 'acme', ideal }), { code: 'not_found' });
    });

    it('writes one valid .osoplog per session', async () => {
      const logs = await journeySessionLogs({ store: ws.store, localAdmin: 'test' }, { tenant: 'acme', ideal, since: '2026-12-01' });
      assert.equal(logs.length, 8);
      for (const log of logs) assert.equal(validateSource(log.text, log.name).valid, true, log.name);
      assert.match(logs.find((l) => l.name === 'journey-sess-a1-0000.osoplog')!.text, /agent: shopper-bot/);
    });
  });
}
