#!/usr/bin/env node
// Runs the test suite with node:test on the TypeScript sources (tsx), one process per file.
// Usage: node scripts/test.mjs [DIR|FILE ...]   (default: every *.test.ts in packages/, apps/, bench/)
// The web app's component tests (apps/web/src, vitest) run first; their counts join the one closing line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', 'dist', '.git', '.sopflow']);
const webSrc = join(root, 'apps/web/src');

function collect(path, out) {
  const st = statSync(path);
  if (path === webSrc) return; // vitest's (runVitest below)
  if (st.isFile()) {
    if (/\.test\.(ts|mts|js|mjs)$/.test(path)) out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (skip.has(name)) continue;
    collect(join(path, name), out);
  }
}

const targets = process.argv.slice(2);
const roots = targets.length > 0 ? targets : ['packages', 'apps', 'conformance'];
const files = [];
for (const r of roots) {
  try { collect(join(root, r), files); } catch (err) {
    if (targets.length > 0) { console.error(`test: cannot read ${r}: ${err.message}`); process.exit(2); }
  }
}
if (files.length === 0) { console.error('test: no test files found'); process.exit(1); }

/** Runs vitest in apps/web; returns its counts (a crash counts as one failure). */
function runVitest() {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-vitest-'));
  const out = join(dir, 'vitest.json');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', 'apps/web', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    counts = { passed: j.numPassedTests, failed: j.numFailedTests + (r.status !== 0 && j.numFailedTests === 0 ? 1 : 0), skipped: j.numPendingTests + j.numTodoTests };
  } catch { /* no report: counted as one failure */ }
  rmSync(dir, { recursive: true, force: true });
  return counts;
}
const wantsWeb = targets.length === 0 || targets.some((t) => ['', 'apps'].includes(relative(root, join(root, t))) || relative(root, join(root, t)).startsWith('apps/web'));
const web = wantsWeb ? runVitest() : { passed: 0, failed: 0, skipped: 0 };

const args = [
  '--conditions=sopflow-source',
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files.map((f) => relative(root, f)),
];
const result = spawnSync(process.execPath, args, {
  cwd: root, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', SOPFLOW_PRIOR_COUNTS: `${web.passed},${web.failed},${web.skipped}` },
});
process.exit(web.failed > 0 ? 1 : result.status ?? 1);
