#!/usr/bin/env node
// Runs the test suite with node:test on the TypeScript sources (tsx), one process per file.
// Usage: node scripts/test.mjs [DIR|FILE ...]   (default: every *.test.ts in packages/, apps/, bench/)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = new Set(['node_modules', 'dist', '.git', '.sopflow']);

function collect(path, out) {
  const st = statSync(path);
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

const args = [
  '--conditions=sopflow-source',
  '--import', 'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec', '--test-reporter-destination=stdout',
  '--test-reporter=./scripts/summary-reporter.mjs', '--test-reporter-destination=stdout',
  ...files.map((f) => relative(root, f)),
];
const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
process.exit(result.status ?? 1);
