// The library's first page at scale, in-process: `--sops` SOPs (default 100,000) of one tenant in a fresh
// SQLite store (a temp file), plus 3 of another tenant; times the service's listSops with no cursor
// (what GET /api/sops answers when its page is not cached: the page, `total` and `pageCursors`) at
// limit 50 and 1,000 and with a search, and a later page for comparison, `--repeat` times each (median and max).
//   node --conditions=sopflow-source --import tsx bench/server/list-first-page.ts [--sops 100000] [--repeat 5] [--keep]
// `--keep` leaves the store file and prints its path (for EXPLAIN QUERY PLAN).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { addAccountUser, authenticateToken, createSop, createTenant, createToken, listSops, openWorkspace, type ListSopsInput } from '@sopflow/service';
import { benchSop } from './seed-library.js';

const { values: flags } = parseArgs({ options: { sops: { type: 'string', default: '100000' }, repeat: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } } });
const count = Number(flags.sops);
const repeat = Number(flags.repeat);

const dir = mkdtempSync(join(tmpdir(), 'sopflow-bench-list-'));
const file = join(dir, 'sopflow.db');
try {
  const ws = await openWorkspace({ db: file, auditKeyFile: join(dir, 'audit.key'), env: {} });
  const local = { store: ws.store, engine: ws.engine, localAdmin: 'bench' };
  const owner = async (slug: string) => {
    await createTenant(local, { slug });
    await addAccountUser(local, { tenant: slug, email: `owner@${slug}.test`, roles: ['owner'] });
    const { token } = await createToken(local, { tenant: slug, user: `owner@${slug}.test`, scope: 'admin' });
    return { ...local, actor: await authenticateToken(ws.store, token) };
  };
  const acme = await owner('acme');
  const globex = await owner('globex');
  const first = await createSop(acme, { osop: benchSop('bench-0', 'Review invoice 0', 5) });
  for (let i = 0; i < 3; i++) await createSop(globex, { osop: benchSop(`theirs-${i}`, `Theirs ${i}`, 3) });
  // The rest in two statements on a second connection: copies of the first SOP and its version, ids in creation order.
  const seed = new Database(file);
  const started = performance.now();
  seed.transaction(() => {
    const copies = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count - 1})`;
    const suffix = `printf('%08d', i)`;
    seed.prepare(`${copies} INSERT INTO sop_versions (id, tenant_id, sop_id, semver, content_hash, text, certification, approved_by, approved_at, created_by, created_at)
      SELECT 'sv_zz' || ${suffix}, v.tenant_id, 'sop_zz' || ${suffix}, v.semver, v.content_hash, v.text, v.certification, v.approved_by, v.approved_at, v.created_by, v.created_at
      FROM n, sop_versions v WHERE v.sop_id = ?`).run(first.id);
    seed.prepare(`${copies} INSERT INTO sops (id, tenant_id, workstream_id, workflow_id, title, description, status, allow_overlap, is_public, current_version_id, created_by, created_at, updated_at)
      SELECT 'sop_zz' || ${suffix}, s.tenant_id, s.workstream_id, 'bench-' || i, CASE WHEN i % 10 = 0 THEN 'Review invoice ' ELSE 'Close ticket ' END || i, s.description,
        s.status, s.allow_overlap, s.is_public, 'sv_zz' || ${suffix}, s.created_by, s.created_at, s.updated_at
      FROM n, sops s WHERE s.id = ?`).run(first.id);
  })();
  seed.close();
  console.log(`${count} SOPs of tenant acme (+3 of globex) on SQLite (temp file), seeded in ${Math.round(performance.now() - started)} ms; node ${process.version}`);
  console.log('\n| first page (no cursor) | total | pageCursors | median ms | max ms |\n|---|---:|---:|---:|---:|');
  const cursors = (await listSops(acme, {})).pageCursors ?? [];
  const middle = Math.floor(cursors.length / 2);
  const cases: [string, ListSopsInput][] = [['limit 50', {}], ['limit 1000', { limit: 1000 }], ['q=invoice, limit 50', { q: 'invoice' }]];
  if (cursors.length > 0) cases.push([`(a later page: cursor ${middle + 1} of ${cursors.length}, limit 50)`, { cursor: cursors[middle]! }]);
  for (const [name, input] of cases) {
    const times: number[] = [];
    let page = await listSops(acme, input);
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      page = await listSops(acme, input);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`| ${name} | ${page.total ?? '–'} | ${page.pageCursors?.length ?? '–'} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} | ${times[times.length - 1]!.toFixed(1)} |`);
  }
  await ws.close();
} finally {
  if (flags.keep) console.log(`\nkept: ${file}`);
  else rmSync(dir, { recursive: true, force: true });
}
