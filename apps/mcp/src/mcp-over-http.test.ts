import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startServer, type RunningServer } from '@sopflow/server';
import { addAccountUser, createToken } from '@sopflow/service';
import { callTool, readText, REFUND_OSOP, TOOL_NAMES, until } from './test-support/mcp-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sopflow-mcp-http-'));
let server: RunningServer;
const tokens: Record<'editor' | 'reader' | 'clerk' | 'outsider' | 'admin', string> = { editor: '', reader: '', clerk: '', outsider: '', admin: '' };
const clients: Client[] = [];

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'http-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  clients.push(client);
  return client;
}

describe('/mcp over Streamable HTTP (a real server on 127.0.0.1, the SDK client)', () => {
  let sopId = '';
  before(async () => {
    server = await startServer({ port: 0, db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, pollMs: 20, operator: 'test' });
    const local = { store: server.workspace.store, localAdmin: 'test' };
    const people: [keyof typeof tokens, string, string[], string][] = [
      ['editor', 'eve@localhost', ['editor'], 'admin'],
      ['reader', 'ada@localhost', ['operator', 'clerk'], 'read'],
      ['clerk', 'cal@localhost', ['operator', 'clerk'], 'run'],
      ['outsider', 'bob@localhost', ['operator'], 'run'],
      ['admin', 'root@localhost', ['admin'], 'admin'],
    ];
    for (const [key, email, roles, scope] of people) {
      await addAccountUser(local, { tenant: 'default', email, roles });
      tokens[key] = (await createToken(local, { tenant: 'default', user: email, scope })).token;
    }
  });
  after(async () => {
    for (const c of clients) await c.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a request without a token, or with a bad one, 401 with the error body', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const none = await fetch(`${server.url}/mcp`, { method: 'POST', headers, body });
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await none.json()).error.code, 'unauthenticated');
    const bad = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { ...headers, authorization: 'Bearer sfk_nope' }, body });
    assert.equal(bad.status, 401);
  });

  it('creates a draft, and after publication lists, reads and validates it', async () => {
    const editor = await connect(tokens.editor);
    assert.deepEqual((await editor.listTools()).tools.map((t) => t.name).sort(), TOOL_NAMES);
    const created = await callTool(editor, 'create_sop', { osop: REFUND_OSOP });
    assert.equal(created.isError, false, created.text);
    assert.equal(created.data.sop.status, 'draft');
    sopId = created.data.sop.id;
    const published = await fetch(`${server.url}/api/sops/${sopId}/publish`, { method: 'POST', headers: { authorization: `Bearer ${tokens.editor}` } });
    assert.equal(published.status, 200);
    const reader = await connect(tokens.reader);
    const listed = await callTool(reader, 'list_sops', { status: 'active' });
    assert.deepEqual(listed.data.sops.map((s: { id: string }) => s.id), [sopId]);
    assert.equal(await readText(reader, `sopflow://sops/${sopId}.osop`), REFUND_OSOP);
    const valid = await callTool(reader, 'validate', { text: REFUND_OSOP });
    assert.equal(valid.data.valid, true);
  });

  it('refuses a read-only token to run an SOP or create a draft (not_authorised, naming the scope) and lets it read tasks', async () => {
    const reader = await connect(tokens.reader);
    const run = await callTool(reader, 'run_sop', { id: sopId });
    assert.equal(run.isError, true);
    assert.equal(run.data.error.code, 'not_authorised');
    assert.match(run.text, /token scope read/);
    const create = await callTool(reader, 'create_sop', { osop: REFUND_OSOP });
    assert.equal(create.data.error.code, 'not_authorised');
    const tasks = await callTool(reader, 'list_tasks', {});
    assert.equal(tasks.isError, false);
  });

  it('runs the SOP on the server\'s worker to its human step; a user without the step\'s role is refused and nothing is recorded; the clerk completes it', async () => {
    const clerk = await connect(tokens.clerk);
    const started = await callTool(clerk, 'run_sop', { id: sopId });
    assert.equal(started.isError, false, started.text);
    const runId: string = started.data.runId;
    const waiting = await until(() => callTool(clerk, 'list_tasks', { runId }), (r) => r.data.tasks.length === 1);
    const task = waiting.data.tasks[0];
    assert.equal(task.role, 'clerk');

    const outsider = await connect(tokens.outsider);
    const refused = await callTool(outsider, 'complete_task', { id: task.id, decision: 'done' });
    assert.equal(refused.isError, true);
    assert.equal(refused.data.error.code, 'not_authorised');
    const still = await callTool(clerk, 'get_run', { id: runId });
    assert.equal(still.data.run.status, 'waiting');
    assert.equal((await callTool(clerk, 'list_tasks', { runId })).data.tasks[0].status, 'open');

    const reader = await connect(tokens.reader);
    assert.equal((await callTool(reader, 'complete_task', { id: task.id })).data.error.code, 'not_authorised');

    const done = await callTool(clerk, 'complete_task', { id: task.id, decision: 'done' });
    assert.equal(done.isError, false, done.text);
    const finished = await until(() => callTool(clerk, 'get_run', { id: runId }), (r) => r.data.run.status === 'completed');
    assert.deepEqual(finished.data.run.steps.map((s: { state: string }) => s.state), ['done', 'done', 'done']);
    const log = await readText(clerk, `sopflow://runs/${runId}.osoplog`);
    assert.match(log, /cal@localhost/);
    assert.doesNotMatch(log, /bob@localhost/);
  });

  it("verify_audit: the tenant's admin log checked for an admin (ok, then the row changed behind the log named); an editor refused not_authorised", async () => {
    const admin = await connect(tokens.admin);
    const ok = await callTool(admin, 'verify_audit', {});
    assert.equal(ok.isError, false, ok.text);
    const raw = new Database(join(dir, 'sopflow.db'));
    const rows = raw.prepare<[], number>("SELECT count(*) FROM admin_audit WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'default')").pluck().get()!;
    assert.ok(rows >= 10, `people added and their tokens are logged (${rows} rows)`);
    assert.deepEqual(ok.data, { ok: true, rowsChecked: rows, breaks: [] });

    const editor = await connect(tokens.editor);
    const refused = await callTool(editor, 'verify_audit', {});
    assert.equal(refused.isError, true);
    assert.equal(refused.data.error.code, 'not_authorised');
    assert.match(refused.text, /eve@localhost may not admin \(roles editor; token scope admin\)/);

    const row = raw.prepare<[], { id: string; seq: number }>("SELECT id, seq FROM admin_audit WHERE action = 'user.add' AND target = 'bob@localhost'").get()!;
    raw.prepare("UPDATE admin_audit SET target = 'mallory@localhost' WHERE id = ?").run(row.id);
    raw.close();
    const broken = await callTool(admin, 'verify_audit', {});
    assert.equal(broken.isError, false, broken.text);
    assert.equal(broken.data.ok, false);
    assert.deepEqual(broken.data.breaks.map((b: { seq: number; rowId: string; problem: string }) => [b.seq, b.rowId, b.problem]), [[Number(row.seq), row.id, 'changed']]);
    assert.match(broken.data.breaks[0].message, new RegExp(`row ${row.seq} \\(user\\.add\\) does not match its HMAC under the audit key.*\\[row id ${row.id}\\]`));
  });
});
