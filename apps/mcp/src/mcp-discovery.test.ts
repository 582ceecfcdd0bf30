import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startServer, type RunningServer } from '@sopflow/server';
import { addAccountUser, createToken } from '@sopflow/service';
import { callTool, REFUND_OSOP } from './test-support/mcp-fixture.js';

const RETURNS_MD = `# Returns handling

## Procedure

1. Step 1: Check the receipt and the item's condition.
2. Step 2: The store manager approves the refund.
3. Step 3: Refund the payment to the original card.
`;

const dir = mkdtempSync(join(tmpdir(), 'sopflow-mcp-discovery-'));
let server: RunningServer;
const tokens = { editor: '', reader: '' };
const clients: Client[] = [];

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'discovery-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  clients.push(client);
  return client;
}

describe('the discover and import_document tools (a real server on 127.0.0.1, the SDK client over HTTP)', () => {
  before(async () => {
    // The test site is this server on 127.0.0.1: a loopback address the server reads only when listed.
    process.env.SOPFLOW_DISCOVER_ALLOWED_HOSTS = '127.0.0.1';
    server = await startServer({ port: 0, db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, pollMs: 20, operator: 'test' });
    const local = { store: server.workspace.store, localAdmin: 'test' };
    await addAccountUser(local, { tenant: 'default', email: 'eve@localhost', roles: ['editor'] });
    await addAccountUser(local, { tenant: 'default', email: 'ada@localhost', roles: ['operator'] });
    tokens.editor = (await createToken(local, { tenant: 'default', user: 'eve@localhost', scope: 'admin' })).token;
    tokens.reader = (await createToken(local, { tenant: 'default', user: 'ada@localhost', scope: 'read' })).token;
  });
  after(async () => {
    for (const c of clients) await c.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a document into drafts only, steps in order with 1-based sequence_order and no "Step N" titles; a read-only token is refused', async () => {
    const editor = await connect(tokens.editor);
    const imported = await callTool(editor, 'import_document', { fileName: 'returns.md', text: RETURNS_MD });
    assert.equal(imported.isError, false, imported.text);
    assert.equal(imported.data.format, 'markdown');
    const [draft] = imported.data.drafts;
    assert.equal(draft.status, 'draft');
    assert.deepEqual(draft.steps.map((s: any) => [s.sequence_order, s.title]), [
      [1, "Check the receipt and the item's condition"], [2, 'The store manager approves the refund'], [3, 'Refund the payment to the original card'],
    ]);
    const listed = await callTool(editor, 'list_sops', { status: 'draft' });
    assert.ok(listed.data.sops.some((s: any) => s.id === draft.id));
    const run = await callTool(editor, 'run_sop', { id: draft.id });
    assert.equal(run.data.error.code, 'sop_not_active', 'an imported SOP is a draft until a person publishes it');

    const reader = await connect(tokens.reader);
    const refused = await callTool(reader, 'import_document', { fileName: 'returns.md', text: RETURNS_MD });
    assert.equal(refused.isError, true);
    assert.equal(refused.data.error.code, 'not_authorised');
    const unreadable = await callTool(editor, 'import_document', { fileName: 'scan.pdf', base64: Buffer.from('not a pdf at all').toString('base64') });
    assert.equal(unreadable.data.error.code, 'invalid_input');
    assert.equal((await callTool(editor, 'list_sops', { status: 'draft' })).data.sops.length, 1, 'refusals stored nothing');
  });

  it("discovers a site's public SOPs with steps, who does what and approvals, and returns one .osop by name", async () => {
    const editor = await connect(tokens.editor);
    const sop = (await callTool(editor, 'create_sop', { osop: REFUND_OSOP })).data.sop;
    const ownerCalls = { authorization: `Bearer ${tokens.editor}`, 'content-type': 'application/json' };
    assert.equal((await fetch(`${server.url}/api/sops/${sop.id}/publish`, { method: 'POST', headers: ownerCalls })).status, 200);
    assert.equal((await fetch(`${server.url}/api/sops/${sop.id}/public`, { method: 'POST', headers: ownerCalls, body: JSON.stringify({ public: true }) })).status, 200);

    const reader = await connect(tokens.reader);
    const found = await callTool(reader, 'discover', { url: server.url, name: 'refund-request' });
    assert.equal(found.isError, false, found.text);
    assert.equal(found.data.collectionUrl, `${server.url}/.well-known/sop`);
    const [op] = found.data.operations;
    assert.equal(op.name, 'Refund request');
    assert.deepEqual(op.steps.map((s: any) => [s.sequence_order, s.performer, s.role]), [[1, 'system', null], [2, 'human', 'clerk'], [3, 'system', null]]);
    assert.deepEqual(op.whoDoesWhat.find((w: any) => w.role === 'clerk'), { role: 'clerk', steps: ['Clerk decides the refund'] });
    assert.equal(found.data.pulled.text, REFUND_OSOP);

    const nowhere = await callTool(reader, 'discover', { url: `${server.url}/nothing/here.sop` });
    assert.equal(nowhere.isError, true);
    assert.equal(nowhere.data.error.code, 'not_found');
  });

  it('never makes the server fetch a private, loopback or link-local address it was not told to (no SSRF through discover)', async () => {
    const reader = await connect(tokens.reader);
    // Only loopback addresses here (no traffic may leave this machine); private and link-local ranges follow the same rule (check-host.test.ts).
    for (const url of [server.url.replace('127.0.0.1', 'localhost'), server.url.replace('127.0.0.1', '127.0.0.2'), server.url.replace('127.0.0.1', '[::1]')]) {
      const refused = await callTool(reader, 'discover', { url });
      assert.equal(refused.isError, true, url);
      assert.equal(refused.data.error.code, 'not_authorised', `${url}: ${refused.text}`);
      assert.match(refused.text, /a server only reads public sites/);
    }
  });
});
