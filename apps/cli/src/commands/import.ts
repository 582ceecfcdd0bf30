import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { ImportResult } from '@sopflow/importer';
import { ExitCode } from '../io/exit-code.js';
import { createStyle } from '../output/style.js';
import { importModelFile, isModelFile } from './import-model.js';
import { printJson } from '../output/print-json.js';

interface ImportOpts {
  output?: string;
  json?: boolean;
  force?: boolean;
}

/**
 * `sopflow import DOC... [-o DIR] [--json] [--force]`: documents (md, docx, pdf, html, txt) →
 * draft `.osop` files, one per procedure. Exit 0 when every document yielded a draft, 1 when any
 * failed (nothing is written for it), 2 on usage errors.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('turn SOP documents (markdown, Word, PDF, HTML, text) into draft .osop files for review')
    .argument('<documents...>', 'documents to import')
    .option('-o, --output <dir>', 'folder for the drafts (default: the current folder; with --json nothing is written unless -o is given)')
    .option('--json', 'print one JSON object per document')
    .option('-f, --force', 'overwrite existing drafts')
    .action(async (documents: string[], opts: ImportOpts) => {
      const { importFile, toOsopDraft } = await import('@sopflow/importer');
      const { validateSource } = await import('@sopflow/format');
      const writeDir = opts.output ?? (opts.json ? undefined : '.');
      let failed = false;
      let usage = false;
      // Drafts written by this run: a later procedure with the same name gets a numbered file, never overwrites one.
      const thisRun = new Set<string>();
      const fail = (doc: string, code: string, message: string) => {
        if (opts.json) printJson({ file: doc, error: { code, message } });
        else process.stderr.write(`sopflow: ${doc}: ${message}\n`);
      };
      for (const doc of documents) {
        if (!existsSync(doc)) {
          fail(doc, 'file-not-found', `no such file: ${doc}`);
          usage = true;
          continue;
        }
        if (isModelFile(doc)) { if (await importModelFile(doc, { writeDir, json: opts.json, force: opts.force })) failed = true; continue; }
        const result = await importFile(doc);
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        const written: string[] = [];
        if (errors.length === 0 && writeDir !== undefined) {
          mkdirSync(writeDir, { recursive: true });
          const drafts: { target: string; yaml: string }[] = [];
          let refused: { code: string; message: string } | undefined;
          for (const sop of result.sops) {
            const yaml = toOsopDraft(sop, { fileName: result.file, sha256: result.sha256, format: result.format, pageCount: result.pageCount });
            const target = freeTarget(writeDir, slug(sop.title), (t) => thisRun.has(t) || drafts.some((d) => d.target === t));
            const check = validateSource(yaml, target);
            if (existsSync(target) && !opts.force) refused ??= { code: 'draft-exists', message: `${target} already exists; use --force to overwrite it` };
            else if (!check.valid) {
              const first = check.diagnostics.find((d) => d.severity === 'error');
              refused ??= { code: 'invalid-draft', message: `internal: the draft for "${sop.title}" does not validate (${first?.code}: ${first?.message})` };
            } else drafts.push({ target, yaml });
          }
          // All or nothing per document: a refused draft means none of its drafts is written.
          if (refused) {
            fail(doc, refused.code, refused.message);
            failed = true;
            continue;
          }
          for (const d of drafts) {
            writeFileSync(d.target, d.yaml);
            thisRun.add(d.target);
            written.push(d.target);
          }
        }
        if (errors.length > 0) failed = true;
        if (opts.json) printJson(toJson(result, written));
        else printSummary(result, written);
      }
      process.exitCode = usage ? ExitCode.usage : failed ? ExitCode.failed : ExitCode.ok;
    });
}

function toJson(result: ImportResult, written: string[]): unknown {
  return {
    file: result.file,
    ...(result.format ? { format: result.format } : {}),
    sha256: result.sha256,
    sops: result.sops.map((sop) => ({
      title: sop.title,
      roles: sop.roles,
      steps: sop.steps.map((s) => ({
        title: s.title,
        description: s.description,
        role: s.role ?? null,
        sequence_order: s.sequence_order,
        ...(s.label ? { label: s.label } : {}),
        ...(s.parent !== undefined ? { parent: s.parent } : {}),
        decisions: s.decisions.map((d) => ({ when: d.when, goto: d.goto, ...(d.loop ? { loop: true } : {}) })),
        timers: s.timers,
        ...(s.incomplete ? { incomplete: true } : {}),
        source: s.source,
      })),
      notes: sop.notes,
      warnings: sop.warnings,
    })),
    diagnostics: result.diagnostics,
    written,
  };
}

function printSummary(result: ImportResult, written: string[]): void {
  const out = createStyle(process.stdout);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  process.stdout.write(`${errors.length > 0 ? out.red('✗') : out.green('✓')} ${result.file}${result.format ? out.dim(` (${result.format}${result.pageCount ? `, ${result.pageCount} pages` : ''})`) : ''}\n`);
  for (const sop of result.sops) {
    const decisions = sop.steps.reduce((n, s) => n + s.decisions.length, 0);
    const timers = sop.steps.reduce((n, s) => n + s.timers.length, 0);
    process.stdout.write(`  ${out.bold(sop.title)}: ${sop.steps.length} steps, ${decisions} decisions, ${timers} timers, roles: ${sop.roles.join(', ') || '(none found)'}\n`);
    for (const s of sop.steps) {
      const indent = s.parent !== undefined ? '      ' : '    ';
      const role = s.role ? out.dim(` [${s.role}]`) : '';
      const branches = s.decisions.map((d) => ` → ${d.goto === 'end' ? 'end' : d.goto}${d.loop ? ' (loop)' : ''}`).join('');
      process.stdout.write(`${indent}${s.sequence_order}. ${s.title}${role}${out.dim(branches)}${s.incomplete ? out.yellow(' (incomplete)') : ''}\n`);
    }
    for (const w of sop.warnings) process.stdout.write(`    ${out.yellow('warning')} ${w}\n`);
  }
  for (const d of result.diagnostics) {
    process.stdout.write(`  ${d.severity === 'error' ? out.red('error') : out.yellow(d.severity)} ${out.dim(d.code)} ${d.message}\n`);
  }
  for (const w of written) process.stdout.write(`  wrote ${w}\n`);
}

/** `dir/name.osop`, or `dir/name-2.osop`, `-3` … while the name is taken by a draft of this run. */
function freeTarget(dir: string, name: string, taken: (target: string) => boolean): string {
  let target = join(dir, `${name}.osop`);
  for (let n = 2; taken(target); n++) target = join(dir, `${name}-${n}.osop`);
  return target;
}

function slug(title: string): string {
  const s = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 80) || 'imported-sop';
}
