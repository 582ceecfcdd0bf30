#!/usr/bin/env node
// The `sopflow` binary: loads the bundled CLI (dist-bundle, fast start-up) when it is newer than
// every build it was made from, else the compiled one (dist). Build with `npm run build`.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundleDir = new URL('../dist-bundle/', import.meta.url);
const compiled = new URL('../dist/main.js', import.meta.url);

function freshBundle() {
  try {
    const index = new URL('bundle.json', bundleDir);
    const builtAt = statSync(index).mtimeMs;
    const { main, builds } = JSON.parse(readFileSync(index, 'utf8'));
    return builds.every((file) => statSync(new URL(file, bundleDir)).mtimeMs <= builtAt) ? new URL(main, bundleDir) : undefined;
  } catch {
    return undefined;
  }
}

const main = freshBundle() ?? compiled;
if (main === compiled && !existsSync(fileURLToPath(compiled))) {
  process.stderr.write('sopflow: the CLI is not built yet; run `npm run build` in the repository root.\n');
  process.exit(2);
}
const { runCli } = await import(main.href);
process.exitCode = await runCli(process.argv.slice(2));
