import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProcessRecords } from '@sopflow/store';
import { createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

const RETURNS_MD = '# Returns\n\n1. Check the receipt.\n2. Refund the card.\n';

describe('import jobs across a server restart (the same SQLite file)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it('marks the jobs a stop cut short failed with a clear reason at the next start, and leaves finished ones alone', async () => {
    const form = new FormData();
    form.append('file', new Blob([RETURNS_MD]), 'returns.md');
    const document = (await (await f.app.request('/api/documents', { method: 'POST', headers: { authorization: `Bearer ${f.tokenA}` }, body: form })).json() as any).document;
    const finished = (await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: document.id })).json.jobId;
    const done = await eventually(() => f.call(f.tokenA, 'GET', `/api/import-jobs/${finished}`), (r) => r.json.job?.status === 'succeeded');
    assert.equal(done.json.job.status, 'succeeded');
    // What a server killed in the middle of two imports leaves behind: one job running, one still queued.
    const records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
    const tenantId = (await records.tenants.find('acme'))!.id;
    const at = new Date().toISOString();
    for (const [id, status] of [['imp_cutrunning', 'running'], ['imp_cutqueued', 'queued']] as const) {
      await records.documents.insertJob({ id, tenantId, documentId: document.id, status, drafts: [], error: null, createdBy: 'owner@acme.test', createdAt: at, updatedAt: at });
    }
    assert.equal((await f.call(f.tokenA, 'GET', '/api/import-jobs/imp_cutrunning')).json.job.status, 'running');

    f = await f.restart();
    assert.deepEqual((await f.runtime.ready).sort(), ['imp_cutqueued', 'imp_cutrunning']);
    const running = (await f.call(f.tokenA, 'GET', '/api/import-jobs/imp_cutrunning')).json.job;
    assert.equal(running.status, 'failed');
    assert.equal(running.error.code, 'interrupted');
    assert.match(running.error.message, /the server stopped while this import was running .*import the document again \(POST \/api\/sops\/import\)/);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/import-jobs/imp_cutqueued')).json.job.error.details.was, 'queued');
    const kept = (await f.call(f.tokenA, 'GET', `/api/import-jobs/${finished}`)).json.job;
    assert.deepEqual([kept.status, kept.drafts], ['succeeded', done.json.job.drafts], 'a finished job is left as it was');
    // The restarted server imports as before.
    const again = (await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: document.id })).json.jobId;
    assert.equal((await eventually(() => f.call(f.tokenA, 'GET', `/api/import-jobs/${again}`), (r) => r.json.job?.status === 'succeeded')).json.job.status, 'succeeded');
    f = await f.restart();
    assert.deepEqual(await f.runtime.ready, [], 'nothing is left to mark after a clean stop');
  });
});
