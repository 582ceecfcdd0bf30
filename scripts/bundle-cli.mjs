// Bundles the compiled CLI (apps/cli/dist) into a few ES modules so `sopflow` starts fast:
// Node loads a handful of files instead of hundreds. Run after `tsc -b` (`npm run build` does
// both). Output: apps/cli/dist-bundle/ (git-ignored).
//
// Each command imports its heavy packages with `await import(...)`; with `splitting` those become
// separate chunks that load only when that command runs. meta.json beside each build lists the
// inputs of every chunk; `--startup` prints what the entry chunk and its static imports hold
// (what every command, `validate` included, loads before it runs).
//
// Each build goes to its own folder, dist-bundle/<stamp>/, and bundle.json (written last, by
// rename) names the current one: a CLI process that started on an older build keeps finding its
// lazily loaded chunks while another build runs. Folders sit at the same depth below apps/cli as
// dist/<dir>/, so paths the CLI builds with `new URL('../../../../examples/', import.meta.url)`
// still resolve.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const entry = `${root}apps/cli/dist/main.js`;
const outRoot = `${root}apps/cli/dist-bundle`;
const KEEP_MS = 60 * 60 * 1000;

// Kept as ordinary imports: native addons (better-sqlite3), optional native modules required
// dynamically (pg → pg-native), and packages that locate their own files at run time
// (unpdf starts a worker from its resolved URL).
const external = ['better-sqlite3', 'pg', 'pg-native', 'unpdf'];

// With splitting, esbuild gives `await import('cjs-package')` a namespace holding only `default`,
// where Node's own import also exposes the named exports (yaml's `stringify`). Such a package is
// imported through a module that re-exports its names one by one (read by loading it here);
// ES-module packages (which `require` refuses on Node 20) are left to esbuild.
const namedDynamicImports = {
  name: 'named-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind !== 'dynamic-import' || args.path.startsWith('node:') || args.path.startsWith('@sopflow/')) return undefined;
      let names;
      try {
        names = Object.keys(createRequire(`${args.resolveDir}/`)(args.path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      } catch {
        return undefined;
      }
      return { path: args.path, namespace: 'named-exports', pluginData: { resolveDir: args.resolveDir, names } };
    });
    b.onLoad({ filter: /.*/, namespace: 'named-exports' }, (args) => ({
      contents: `export { ${args.pluginData.names.join(', ')} } from ${JSON.stringify(args.path)};\nexport { default } from ${JSON.stringify(args.path)};\n`,
      resolveDir: args.pluginData.resolveDir,
      loader: 'js',
    }));
  },
};

if (!existsSync(entry)) {
  process.stderr.write('bundle-cli: apps/cli/dist/main.js is missing; run `tsc -b` first.\n');
  process.exit(1);
}
const stamp = `b-${Date.now().toString(36)}-${process.pid}`;
const outdir = `${outRoot}/${stamp}`;
mkdirSync(outRoot, { recursive: true });
const result = await build({
  entryPoints: { main: entry },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  plugins: [namedDynamicImports],
  chunkNames: '[name]-[hash]',
  // Bundled CommonJS packages call require() for Node built-ins; give ESM output a require.
  banner: { js: "import { createRequire as __sopflowCreateRequire } from 'node:module'; const require = __sopflowCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});
writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));

// The bin script uses the bundle only while it is newer than every build it was made from, so a
// later `tsc -b` without a re-bundle falls back to dist/ instead of running stale code.
const builds = [...new Set(Object.keys(result.metafile.inputs)
  .map((input) => input.match(/^((?:packages|apps)\/[^/]+)\/dist\//)?.[1])
  .filter((dir) => dir !== undefined))]
  .map((dir) => `../../../${dir}/dist/.tsbuildinfo`)
  .filter((file) => existsSync(new URL(file, `file://${outRoot}/`)));
writeFileSync(`${outRoot}/bundle.json.${process.pid}`, `${JSON.stringify({ main: `${stamp}/main.js`, builds })}\n`);
renameSync(`${outRoot}/bundle.json.${process.pid}`, `${outRoot}/bundle.json`);

// Older builds go once they are an hour old (a process may still be loading chunks from one).
for (const name of readdirSync(outRoot)) {
  const path = `${outRoot}/${name}`;
  if (name !== stamp && name.startsWith('b-') && Date.now() - statSync(path).mtimeMs > KEEP_MS) rmSync(path, { recursive: true, force: true });
}

const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const kib = outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024;
process.stdout.write(`bundle-cli: ${outputs.length} chunks, ${kib.toFixed(0)} KiB in apps/cli/dist-bundle/${stamp}/\n`);
if (process.argv.includes('--startup')) printStartup(result.metafile);

/** What every command loads before it runs: the entry chunk and its static imports, by package. */
function printStartup(metafile) {
  const outs = metafile.outputs;
  const entryOut = Object.keys(outs).find((file) => outs[file].entryPoint?.endsWith('apps/cli/dist/main.js'));
  const loaded = new Set();
  for (const stack = [entryOut]; stack.length > 0;) {
    const file = stack.pop();
    if (loaded.has(file)) continue;
    loaded.add(file);
    for (const i of outs[file].imports) if (!i.external && i.kind === 'import-statement') stack.push(i.path);
  }
  const byPackage = new Map();
  for (const file of loaded) {
    for (const [input, { bytesInOutput }] of Object.entries(outs[file].inputs)) {
      const name = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? input.match(/^((?:packages|apps)\/[^/]+)/)?.[1] ?? input;
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  const total = [...byPackage.values()].reduce((a, b) => a + b, 0);
  process.stdout.write(`loaded at start-up by every command: ${loaded.size} chunks, ${(total / 1024).toFixed(0)} KiB\n`);
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).filter(([, b]) => b >= 8192)) {
    process.stdout.write(`  ${(bytes / 1024).toFixed(0).padStart(5)} KiB  ${name}\n`);
  }
}
