import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { validateSource } from '@sopflow/format';
import { addAccountUser, createSop, createTenant, openWorkspace, publishSop, resolveTenantActor } from '@sopflow/service';
import { SOPFLOW_BIN, runSopflow } from '../../cli/src/test-support/run-sopflow.js';
import { callTool, readText, REFUND_OSOP, TOOL_NAMES } from './test-support/mcp-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'sopflow-mcp-stdio-'));
const db = join(dir, 'sopflow.db');
const env = { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), NO_COLOR: '1' };
let sopId = '';
let client: Client;
let stderr = '';

describe('sopflow mcp over stdio (the real binary, the SDK client)', () => {
  before(async () => {
    const ws = await openWorkspace({ db, auditKeyFile: env.SOPFLOW_AUDIT_KEY_FILE });
    try {
      const local = { store: ws.store, localAdmin: 'test' };
      await createTenant(local, { slug: 'acme' });
      await addAccountUser(local, { tenant: 'acme', email: 'ada@acme.test', roles: ['editor', 'clerk'], osUser: userInfo().username });
      const as = { store: ws.store, engine: ws.engine, actor: await resolveTenantActor(ws.store, userInfo().username) };
      sopId = (await createSop(as, { osop: REFUND_OSOP })).id;
      await publishSop(as, sopId);
    } finally {
      await ws.close();
    }
    const transport = new StdioClientTransport({ command: process.execPath, args: [SOPFLOW_BIN, 'mcp', '--db', db], cwd: dir, env: { ...process.env as Record<string, string>, ...env }, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    client = new Client({ name: 'stdio-test', version: '0.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists every tool with a JSON Schema input and a structured output schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), TOOL_NAMES);
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.outputSchema?.type, 'object', tool.name);
    }
    const getSop = tools.find((t) => t.name === 'get_sop')!;
    assert.deepEqual(getSop.inputSchema.required, ['id']);
  });

  it('lists and reads the SOP, its .osop byte for byte, and the tenant .sop collection that validates', async () => {
    const listed = await callTool(client, 'list_sops', {});
    assert.equal(listed.isError, false, listed.text);
    assert.deepEqual(listed.data.sops.map((s: { id: string; status: string }) => [s.id, s.status]), [[sopId, 'active']]);
    const got = await callTool(client, 'get_sop', { id: sopId });
    assert.deepEqual(got.data.sop.steps.map((s: { sequence_order: number; title: string; role: string | null }) => [s.sequence_order, s.title, s.role]),
      [[1, 'Log the request', null], [2, 'Clerk decides the refund', 'clerk'], [3, 'Close the request', null]]);
    assert.equal(await readText(client, `sopflow://sops/${sopId}.osop`), REFUND_OSOP);
    const { resources } = await client.listResources();
    assert.ok(resources.some((r) => r.uri === `sopflow://sops/${sopId}.osop` && r.name === 'refund-request.osop'));
    const collection = await readText(client, 'sopflow://sops/collection.sop');
    const report = validateSource(collection, 'collection.sop');
    assert.equal(report.kind, 'collection');
    assert.equal(report.valid, true, JSON.stringify(report.diagnostics));
    assert.match(collection, new RegExp(`ref: ${sopId}\\.osop`));
  });

  it('validates a broken document with each diagnostic\'s line and column, storing nothing', async () => {
    const result = await callTool(client, 'validate', { text: 'osop_version: "1.0"\nid: x\nname: X\nnodes: []\nedges:\n  - { from: a, to: b, mode: sequential }\n' });
    assert.equal(result.isError, false);
    assert.equal(result.data.valid, false);
    assert.ok(result.data.diagnostics.some((d: { severity: string; line: number }) => d.severity === 'error' && d.line >= 1), result.text);
    const listed = await callTool(client, 'list_sops', {});
    assert.equal(listed.data.sops.length, 1);
  });

  it('runs the SOP to its human step, completes it as the OS user who holds the role, and reads the run as .osoplog', async () => {
    const started = await callTool(client, 'run_sop', { id: sopId });
    assert.equal(started.isError, false, started.text);
    assert.equal(started.data.status, 'waiting');
    assert.deepEqual(started.data.tasks.map((t: { stepId: string; role: string }) => [t.stepId, t.role]), [['decide', 'clerk']]);
    const done = await callTool(client, 'complete_task', { id: started.data.tasks[0].id, decision: 'done' });
    assert.equal(done.isError, false, done.text);
    assert.equal(done.data.run.status, 'completed');
    const run = await callTool(client, 'get_run', { id: started.data.runId });
    assert.deepEqual(run.data.run.steps.map((s: { state: string }) => s.state), ['done', 'done', 'done']);
    const log = await readText(client, `sopflow://runs/${started.data.runId}.osoplog`);
    assert.match(log, /decide/);
    assert.match(log, /ada@acme\.test/);
    const debrief = await callTool(client, 'debrief', { id: sopId });
    assert.equal(debrief.isError, false, debrief.text);
    assert.equal(debrief.data.report.runs, 1);
  });

  it('refuses an unknown SOP with not_found as a tool error, and diffs the SOP against a changed text', async () => {
    const missing = await callTool(client, 'get_sop', { id: 'sop_nothere' });
    assert.equal(missing.isError, true);
    assert.equal(missing.data.error.code, 'not_found');
    const diff = await callTool(client, 'diff', { a: { sopId }, b: { osop: REFUND_OSOP.replace('Close the request', 'Close and archive the request') } });
    assert.equal(diff.isError, false, diff.text);
    assert.equal(diff.data.kind, 'processes');
    assert.match(JSON.stringify(diff.data.diff), /Close and archive the request/);
  });

  it("refuses verify_audit to the OS user's account, which lacks the admin permission (the route's model)", async () => {
    const refused = await callTool(client, 'verify_audit', {});
    assert.equal(refused.isError, true);
    assert.equal(refused.data.error.code, 'not_authorised');
    assert.match(refused.text, /^ada@acme\.test may not admin \(roles editor; session\) \(not_authorised\)$/);
  });

  it('serves the three skills as prompts', async () => {
    const { prompts } = await client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name).sort(), ['import-sops-from-document', 'manage-sops', 'sop-opportunity-analyst']);
    const prompt = await client.getPrompt({ name: 'manage-sops' });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    assert.match(text, /sequence_order/);
    assert.doesNotMatch(text, /^---/);
    assert.equal(stderr.includes(' at '), false, stderr);
  });

  it('imports a document into a draft only: steps in order with 1-based sequence_order, no "Step N" titles, and it does not run', async () => {
    const text = '# Till closing\n\n## Procedure\n\n1. Step 1: Count the cash in the drawer.\n2. Step 2: Record the totals in the ledger.\n3. Step 3: The supervisor signs off the count.\n';
    const imported = await callTool(client, 'import_document', { fileName: 'till.md', text });
    assert.equal(imported.isError, false, imported.text);
    const [draft] = imported.data.drafts;
    assert.equal(draft.status, 'draft');
    assert.deepEqual(draft.steps.map((s: { sequence_order: number; title: string }) => [s.sequence_order, s.title]),
      [[1, 'Count the cash in the drawer'], [2, 'Record the totals in the ledger'], [3, 'The supervisor signs off the count']]);
    assert.deepEqual((await callTool(client, 'list_sops', { status: 'draft' })).data.sops.map((s: { id: string }) => s.id), [draft.id]);
    assert.equal((await callTool(client, 'run_sop', { id: draft.id })).data.error.code, 'sop_not_active');
  });
});

describe('sopflow mcp refusals and sopflow skills install (the real binary)', () => {
  it('refuses an OS user who maps to no tenant user before serving anything', async () => {
    const other = mkdtempSync(join(tmpdir(), 'sopflow-mcp-nobody-'));
    try {
      const ws = await openWorkspace({ db: join(other, 'x.db'), auditKeyFile: join(other, 'audit.key') });
      await createTenant({ store: ws.store, localAdmin: 'test' }, { slug: 'acme' });
      await ws.close();
      const run = runSopflow(['mcp', '--db', join(other, 'x.db')], { env: { SOPFLOW_AUDIT_KEY_FILE: join(other, 'audit.key') } });
      assert.equal(run.status, 1);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /not a user of this store's directory.*\(unauthenticated\)/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('installs the skills into a folder and leaves them unchanged the second time', () => {
    const target = mkdtempSync(join(tmpdir(), 'sopflow-skills-'));
    try {
      const first = runSopflow(['skills', 'install', target]);
      assert.equal(first.status, 0, first.stderr);
      assert.deepEqual(first.stdout.trim().split('\n').map((l) => l.split(' ')[0] + ' ' + l.split(' ')[1]),
        ['installed import-sops-from-document', 'installed manage-sops', 'installed sop-opportunity-analyst']);
      const skill = readFileSync(join(target, 'import-sops-from-document', 'SKILL.md'), 'utf8');
      assert.match(skill, /^---\nname: import-sops-from-document\ndescription: /);
      const second = runSopflow(['skills', 'install', target]);
      assert.equal(second.stdout.trim().split('\n').filter((l) => l.startsWith('unchanged ')).length, 3);
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
