import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addAccountUser, authenticateToken, createTenant, createToken, getSopDocument, importDocument, listSops, openWorkspace, ServiceError, type TenantActor, type Workspace } from '@sopflow/service';

const RETURNS_MD = `# Returns handling

## Procedure

1. Step 1: Check the receipt and the item's condition.
2. Step 2: The store manager approves the refund.
3. Step 3: Refund the payment to the original card.
`;

describe('importDocument: a document into draft SOPs of the caller tenant (real SQLite)', () => {
  let dir: string;
  let ws: Workspace;
  let editor: TenantActor;
  let reader: TenantActor;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-import-'));
    ws = await openWorkspace({ db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir });
    const local = { store: ws.store, localAdmin: 'test' };
    await createTenant(local, { slug: 'acme' });
    await addAccountUser(local, { tenant: 'acme', email: 'ed@acme.test', roles: ['editor'] });
    await addAccountUser(local, { tenant: 'acme', email: 'vi@acme.test', roles: ['viewer'] });
    editor = await authenticateToken(ws.store, (await createToken(local, { tenant: 'acme', user: 'ed@acme.test', scope: 'admin' })).token);
    reader = await authenticateToken(ws.store, (await createToken(local, { tenant: 'acme', user: 'vi@acme.test', scope: 'admin' })).token);
  });
  after(async () => { await ws.close(); rmSync(dir, { recursive: true, force: true }); });

  it('stores each procedure as a draft whose steps keep their order (1-based) and carry no "Step N" titles', async () => {
    const result = await importDocument({ store: ws.store, engine: ws.engine, actor: editor }, { fileName: 'returns.md', text: RETURNS_MD });
    assert.equal(result.drafts.length, 1);
    const [draft] = result.drafts;
    assert.equal(draft!.status, 'draft');
    assert.deepEqual(draft!.steps.map((s) => [s.sequence_order, s.title]), [
      [1, "Check the receipt and the item's condition"], [2, 'The store manager approves the refund'], [3, 'Refund the payment to the original card'],
    ]);
    assert.ok(draft!.steps.every((s) => !/^step\s*\d/i.test(s.title)));
    const text = (await getSopDocument({ store: ws.store, actor: editor }, draft!.id)).text;
    assert.match(text, /sequence_order: 1\n/);
    assert.match(text, /sha256: [0-9a-f]{64}/);
  });

  it('refuses a reader (not_authorised) and a document with no procedure (invalid_input), storing nothing', async () => {
    const before = (await listSops({ store: ws.store, actor: editor })).sops.length;
    await assert.rejects(importDocument({ store: ws.store, actor: reader }, { fileName: 'returns.md', text: RETURNS_MD }), (e: unknown) => e instanceof ServiceError && e.code === 'not_authorised');
    await assert.rejects(importDocument({ store: ws.store, actor: editor }, { fileName: 'notes.md', text: '# Notes\n\nWe met on Tuesday. It rained.\n' }), (e: unknown) => e instanceof ServiceError && e.code === 'invalid_input');
    await assert.rejects(importDocument({ store: ws.store, actor: editor }, { fileName: 'x.pdf', bytes: new TextEncoder().encode('not a pdf') }), (e: unknown) => e instanceof ServiceError && e.code === 'invalid_input');
    assert.equal((await listSops({ store: ws.store, actor: editor })).sops.length, before);
  });
});
