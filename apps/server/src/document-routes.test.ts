import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_DOCUMENT_BYTES } from '@sopflow/service';
import { createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

const RETURNS_MD = `# Returns handling

## Procedure

1. Step 1: Check the receipt and the item's condition.
2. Step 2: The store manager approves the refund.
3. Step 3: Refund the payment to the original card.
`;

describe('documents and import jobs over HTTP (real SQLite, in-process)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  /** Uploads one file as multipart/form-data the way a browser or curl -F sends it. */
  async function upload(token: string, name: string, content: string | Uint8Array, field = 'file') {
    const form = new FormData();
    form.append(field, new Blob([content]), name);
    const res = await f.app.request('/api/documents', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, json: await res.json() as any };
  }
  const waitForJob = (token: string, jobId: string) =>
    eventually(() => f.call(token, 'GET', `/api/import-jobs/${jobId}`), (r) => ['succeeded', 'failed'].includes(r.json.job?.status));

  it('stores an upload by its SHA-256 per tenant: the same bytes again are the same document, another tenant gets its own', async () => {
    const first = await upload(f.tokenA, 'returns.md', RETURNS_MD);
    assert.equal(first.status, 201);
    const doc = first.json.document;
    assert.deepEqual({ name: doc.name, type: doc.type, size: doc.size }, { name: 'returns.md', type: 'md', size: Buffer.byteLength(RETURNS_MD) });
    assert.match(doc.sha256, /^[0-9a-f]{64}$/);
    const again = await upload(f.tokenA, 'returns-copy.md', RETURNS_MD);
    assert.equal(again.status, 201);
    assert.equal(again.json.document.id, doc.id);
    assert.equal(again.json.document.name, 'returns.md');
    const list = (await f.call(f.tokenA, 'GET', '/api/documents')).json.documents;
    assert.equal(list.filter((d: any) => d.sha256 === doc.sha256).length, 1);
    assert.deepEqual((await f.call(f.tokenA, 'GET', `/api/documents/${doc.id}`)).json.document, doc);
    const other = await upload(f.tokenB, 'returns.md', RETURNS_MD);
    assert.equal(other.status, 201);
    assert.notEqual(other.json.document.id, doc.id);
  });

  it('refuses a document over 20 MiB with 413 and a type it cannot read with 415; nothing is stored', async () => {
    const before = (await f.call(f.tokenA, 'GET', '/api/documents')).json.documents.length;
    const justOver = await upload(f.tokenA, 'big.md', new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61));
    assert.equal(justOver.status, 413);
    assert.equal(justOver.json.error.code, 'too_large');
    const farOver = await upload(f.tokenA, 'huge.txt', new Uint8Array(MAX_DOCUMENT_BYTES + 200 * 1024).fill(0x61));
    assert.equal(farOver.status, 413);
    const exe = await upload(f.tokenA, 'tool.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    assert.equal(exe.status, 415);
    assert.equal(exe.json.error.code, 'unsupported_media_type');
    const fakePdf = await upload(f.tokenA, 'scan.pdf', RETURNS_MD);
    assert.equal(fakePdf.status, 415, 'a .pdf whose bytes are text is refused');
    assert.match(fakePdf.json.error.message, /content is md|content is txt/);
    const zipAsMd = await upload(f.tokenA, 'notes.md', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]));
    assert.equal(zipAsMd.status, 415);
    const json = await f.call(f.tokenA, 'POST', '/api/documents', { file: RETURNS_MD });
    assert.equal(json.status, 415, 'a JSON body is not an upload');
    assert.equal((await upload(f.tokenA, 'empty.md', '')).status, 400);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/documents')).json.documents.length, before);
  });

  it('imports a document into drafts (202, job succeeded) whose steps keep a 1-based sequence_order', async () => {
    const doc = (await upload(f.tokenA, 'returns.md', RETURNS_MD)).json.document;
    const started = await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: doc.id });
    assert.equal(started.status, 202);
    assert.match(started.json.jobId, /^imp_/);
    const job = (await waitForJob(f.tokenA, started.json.jobId)).json.job;
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal(job.documentId, doc.id);
    assert.equal(job.error, null);
    assert.equal(job.drafts.length, 1);
    const drafts = (await f.call(f.tokenA, 'GET', '/api/sops?status=draft&limit=200')).json.sops.map((s: any) => s.id);
    assert.ok(drafts.includes(job.drafts[0]), 'the draft is listed among the drafts of the library');
    const sop = (await f.call(f.tokenA, 'GET', `/api/sops/${job.drafts[0]}`)).json.sop;
    assert.equal(sop.status, 'draft');
    assert.deepEqual(sop.steps.map((s: any) => [s.sequence_order, s.title]), [
      [1, "Check the receipt and the item's condition"], [2, 'The store manager approves the refund'], [3, 'Refund the payment to the original card'],
    ]);
  });

  it('fails the job with a coded error when the document holds no procedure, and stores no SOP', async () => {
    const before = (await f.call(f.tokenA, 'GET', '/api/sops?limit=200')).json.sops.length;
    const doc = (await upload(f.tokenA, 'minutes.md', '# Minutes\n\nWe met on Tuesday. It rained.\n')).json.document;
    const started = await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: doc.id });
    assert.equal(started.status, 202);
    const job = (await waitForJob(f.tokenA, started.json.jobId)).json.job;
    assert.equal(job.status, 'failed');
    assert.equal(job.error.code, 'invalid_input');
    assert.match(job.error.message, /no procedure found/);
    assert.doesNotMatch(job.error.message, /minutes\.md: minutes\.md/, 'the file is named once');
    assert.deepEqual(job.drafts, []);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops?limit=200')).json.sops.length, before);
  });

  it("answers 404 for another tenant's document and job, and for an import of another tenant's document", async () => {
    const doc = (await upload(f.tokenA, 'returns.md', RETURNS_MD)).json.document;
    const jobId = (await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: doc.id })).json.jobId;
    await waitForJob(f.tokenA, jobId);
    for (const path of [`/api/documents/${doc.id}`, `/api/import-jobs/${jobId}`]) {
      const res = await f.call(f.tokenB, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.code, 'not_found');
    }
    const imported = await f.call(f.tokenB, 'POST', '/api/sops/import', { documentId: doc.id });
    assert.equal(imported.status, 404);
    assert.ok(!(await f.call(f.tokenB, 'GET', '/api/documents')).json.documents.some((d: any) => d.id === doc.id));
    assert.equal((await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: 'doc_missing' })).status, 404);
  });

  it('lets an editor upload and import, a viewer and an operator only read (403), and a read-scoped token not upload', async () => {
    const editor = await f.userToken('doc-editor@acme.test', ['editor'], 'admin');
    const operator = await f.userToken('doc-operator@acme.test', ['operator'], 'admin');
    const viewer = await f.userToken('doc-viewer@acme.test', ['viewer'], 'admin');
    const ownerRead = await f.userToken('doc-reader@acme.test', ['owner'], 'read');
    const doc = await upload(editor, 'checklist.txt', RETURNS_MD.replace('Returns handling', 'Returns checklist'));
    assert.equal(doc.status, 201);
    assert.equal(doc.json.document.type, 'txt');
    const started = await f.call(editor, 'POST', '/api/sops/import', { documentId: doc.json.document.id });
    assert.equal(started.status, 202);
    for (const token of [operator, viewer, ownerRead]) {
      const refused = await upload(token, 'other.md', `${RETURNS_MD}\n<!-- ${token.slice(-6)} -->\n`);
      assert.equal(refused.status, 403);
      assert.equal(refused.json.error.code, 'not_authorised');
      assert.equal((await f.call(token, 'POST', '/api/sops/import', { documentId: doc.json.document.id })).status, 403);
      assert.equal((await f.call(token, 'GET', '/api/documents')).status, 200);
      assert.equal((await f.call(token, 'GET', `/api/documents/${doc.json.document.id}`)).status, 200);
      assert.equal((await f.call(token, 'GET', `/api/import-jobs/${started.json.jobId}`)).status, 200);
    }
    assert.equal((await waitForJob(editor, started.json.jobId)).json.job.status, 'succeeded');
  });

  it('names the routes and the multipart body in the OpenAPI document', async () => {
    const doc = (await f.call(null, 'GET', '/api/openapi.json')).json;
    assert.ok(doc.paths['/api/documents'].post.requestBody.content['multipart/form-data']);
    assert.ok(doc.paths['/api/documents'].get);
    assert.ok(doc.paths['/api/documents/{id}'].get);
    assert.ok(doc.paths['/api/import-jobs/{id}'].get);
    assert.ok(doc.paths['/api/documents'].post.responses['413'] && doc.paths['/api/documents'].post.responses['415']);
  });
});

describe('documents and import jobs on PostgreSQL (a fresh schema, dropped after)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { postgres: true }); });
  after(async () => { await f.close(); });

  it('stores once per content hash, imports into drafts, and keeps tenants apart', async () => {
    const send = async (token: string, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([RETURNS_MD]), name);
      return await (await f.app.request('/api/documents', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })).json() as any;
    };
    const doc = (await send(f.tokenA, 'returns.md')).document;
    assert.equal((await send(f.tokenA, 'again.md')).document.id, doc.id);
    assert.equal(typeof doc.size, 'number');
    const jobId = (await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: doc.id })).json.jobId;
    const job = (await eventually(() => f.call(f.tokenA, 'GET', `/api/import-jobs/${jobId}`), (r) => ['succeeded', 'failed'].includes(r.json.job?.status))).json.job;
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${job.drafts[0]}`)).json.sop.steps[2].sequence_order, 3);
    assert.equal((await f.call(f.tokenB, 'GET', `/api/import-jobs/${jobId}`)).status, 404);
    assert.equal((await f.call(f.tokenB, 'GET', `/api/documents/${doc.id}`)).status, 404);
  });
});
