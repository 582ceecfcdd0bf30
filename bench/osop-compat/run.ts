// OSOP compatibility: does `--compat core|full` give every document the verdict OSOP's own
// schemas give it (ajv 8, draft 2020-12, with formats, plus the reference checks of OSOP's CLI)?
// Usage: node --conditions=sopflow-source --import tsx bench/osop-compat/run.ts [--dir DIR]... [--verbose]
// Needs ../shared/osop-schemas (resolved from the repository root); says so when it is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateSource } from '@sopflow/format';
import { createOsopJudge } from './osop-judge.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaDir = resolve(repoRoot, '..', 'shared', 'osop-schemas');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const dirs = args.flatMap((arg, i) => (arg === '--dir' && args[i + 1] ? [resolve(args[i + 1])] : []));

if (!existsSync(join(schemaDir, 'osop-core.schema.json'))) {
  console.log(`osop-compat: OSOP's schemas are not at ${relative(process.cwd(), schemaDir)}; nothing to compare against.`);
  process.exit(0);
}

const DOCUMENT = /\.(osop|osoplog|sop)(\.(ya?ml|json))?$/i;
function collect(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (DOCUMENT.test(name)) out.push(path);
  }
  return out;
}

const groups: { label: string; files: string[] }[] = [{ label: 'conformance/format', files: collect(join(repoRoot, 'conformance', 'format'), []) }];
for (const dir of dirs) groups.push({ label: relative(process.cwd(), dir) || dir, files: existsSync(dir) ? collect(dir, []) : [] });

const judge = createOsopJudge(schemaDir);
const rows: string[][] = [];
const disagreements: string[] = [];
for (const { label, files } of groups) {
  for (const level of ['core', 'full'] as const) {
    let agree = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const osop = judge(text, file, level);
      const ours = validateSource(text, file, { compat: level });
      if (osop.valid === ours.valid) agree++;
      else {
        disagreements.push(`${level.padEnd(4)} ${relative(repoRoot, file)}: OSOP says ${osop.valid ? 'valid' : 'invalid'} (${osop.reasons.join('; ') || '-'}), sopflow says ${ours.valid ? 'valid' : 'invalid'} (${ours.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ') || '-'})`);
      }
      if (verbose) console.log(`${level} ${relative(repoRoot, file)} osop=${osop.valid} ours=${ours.valid}`);
    }
    rows.push([label, level, String(files.length), String(agree), String(files.length - agree), files.length === 0 ? '-' : `${((100 * agree) / files.length).toFixed(1)}%`]);
  }
}

const sopflowValid = groups.flatMap((g) => g.files).filter((f) => {
  const text = readFileSync(f, 'utf8');
  return judge(text, f, 'full').valid || judge(text, f, 'core').valid;
});
const rejectedByUs = sopflowValid.filter((f) => !validateSource(readFileSync(f, 'utf8'), f).valid);

const header = ['documents from', 'level', 'documents', 'agree', 'disagree', 'agreement'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
console.log(`\ndisagreements: ${disagreements.length}`);
for (const d of disagreements) console.log(`  ${d}`);
for (const { label, files } of groups.slice(1)) {
  console.log(`\nper document (${label}): OSOP core / full verdict, sopflow --compat core / full, default level`);
  const v = (ok: boolean) => (ok ? 'valid  ' : 'invalid');
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const ours = (compat: 'core' | 'full' | 'sopflow') => validateSource(text, file, { compat }).valid;
    console.log(`  ${v(judge(text, file, 'core').valid)} ${v(judge(text, file, 'full').valid)} | ${v(ours('core'))} ${v(ours('full'))} | ${v(ours('sopflow'))}  ${relative(label === '' ? process.cwd() : resolve(label), file)}`);
  }
}

console.log(`\nsopflow level: ${sopflowValid.length - rejectedByUs.length} of ${sopflowValid.length} documents valid under an OSOP schema are also valid at the default level`);
for (const f of rejectedByUs) {
  const report = validateSource(readFileSync(f, 'utf8'), f);
  console.log(`  ${relative(repoRoot, f)}: ${report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.line}`).join(', ')}`);
}

