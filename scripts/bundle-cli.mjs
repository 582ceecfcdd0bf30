// Bundles the compiled CLI (apps/cli/dist) into a few ES modules so `sopflow` starts fast:
// Node loads one entry chunk instead of hundreds of files. Run after `tsc -b`
// (`npm run build` does both). Output: apps/cli/dist-bundle/cli/ (git-ignored).
//
// Each command imports its heavy packages with `await import(...)`; with `splitting` those
// become separate chunks that load only when that command runs. `--metafile` writes
// apps/cli/dist-bundle/meta.json (inputs per chunk) for inspection.
//
// Every output file sits in dist-bundle/cli/, the same depth below apps/cli as dist/<dir>/, so
// paths the CLI builds with `new URL('../../../../examples/', import.meta.url)` still resolve.
import { build } from 'esbuild';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = `${root}apps/cli/dist/main.js`;
const outRoot = `${root}apps/cli/dist-bundle`;

// Kept as ordinary imports: native addons (better-sqlite3), optional native modules required
// dynamically (pg → pg-native), and packages that locate their own files at run time
// (unpdf starts a worker from its resolved URL).
const external = ['better-sqlite3', 'pg', 'pg-native', 'unpdf'];

if (!existsSync(entry)) {
  process.stderr.write('bundle-cli: apps/cli/dist/main.js is missing; run `tsc -b` first.\n');
  process.exit(1);
}
rmSync(outRoot, { recursive: true, force: true });
const result = await build({
  entryPoints: { main: entry },
  outdir: `${outRoot}/cli`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS packages call require() for Node built-ins; give ESM output a require.
  banner: { js: "import { createRequire as __sopflowCreateRequire } from 'node:module'; const require = __sopflowCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
writeFileSync(`${outRoot}/meta.json`, JSON.stringify(result.metafile));
// The bin script uses the bundle only while it is newer than every build it was made from, so a
// later `tsc -b` without a re-bundle falls back to dist/ instead of running stale code.
const builds = [...new Set(Object.keys(result.metafile.inputs)
  .map((input) => input.match(/^((?:packages|apps)\/[^/]+)\/dist\//)?.[1])
  .filter((dir) => dir !== undefined))]
  .map((dir) => `../../../${dir}/dist/.tsbuildinfo`)
  .filter((file) => existsSync(new URL(file, `file://${outRoot}/`)));
writeFileSync(`${outRoot}/builds.json`, `${JSON.stringify(builds)}\n`);
const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const kib = outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024;
process.stdout.write(`bundle-cli: ${outputs.length} chunks, ${kib.toFixed(0)} KiB in apps/cli/dist-bundle/cli/\n`);
