import { createHash } from 'node:crypto';
import type { ImportDiagnostic, ImportDiagnosticCode, ImportResult } from './import-result.js';
import { decodeText } from './input/decode-text.js';
import { sniffFormat } from './input/sniff-format.js';
import { extractSops } from './extract/extract-sops.js';
import { refineWithLlm, type LlmOptions } from './llm/refine-with-llm.js';
import { readDocx } from './readers/read-docx.js';
import { readHtml } from './readers/read-html.js';
import { readMarkdown } from './readers/read-markdown.js';
import { rstToMarkdown } from './readers/rst-to-markdown.js';
import { readPdf } from './readers/read-pdf.js';
import { readText } from './readers/read-text.js';
import type { DocTree } from './tree/doc-tree.js';
import { assertNever } from './tree/doc-tree.js';

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
export const DEFAULT_TIME_BUDGET_MS = 20_000;

export interface ImportOptions {
  /** Refuse larger inputs with `file-too-large` (default 25 MB). */
  maxBytes?: number;
  /** Per-document time budget in ms (default 20 s); PDF parsing is stopped when it runs over. */
  timeBudgetMs?: number;
  /** Optional LLM pass (off unless given): tidies titles, fills missing roles, never adds steps. */
  llm?: LlmOptions;
}

/**
 * Reads one document (markdown, docx, pdf, html, text; the format is sniffed from the bytes) and
 * extracts its procedures deterministically. Never throws for bad input: problems come back as
 * diagnostics with a code (`file-too-large`, `format-mismatch`, `corrupt-document`,
 * `encrypted-document`, `undecodable-text`, `empty-document`, `no-procedure-found`, …), and an
 * error diagnostic means `sops` is empty. Nothing embedded in the document is ever run.
 */
export async function importDocument(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): Promise<ImportResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const result: ImportResult = { file: fileName, sha256: createHash('sha256').update(bytes).digest('hex'), sops: [], diagnostics: [] };
  const fail = (code: ImportDiagnosticCode, message: string): ImportResult => {
    result.diagnostics.push(diagnostic(code, 'error', message, fileName));
    return result;
  };
  if (bytes.byteLength > maxBytes) return fail('file-too-large', `${fileName} is ${formatBytes(bytes.byteLength)}; the limit is ${formatBytes(maxBytes)}`);
  const sniff = sniffFormat(bytes, fileName);
  if (!sniff.ok) return fail(sniff.code, `${fileName}: ${sniff.message}`);
  if (sniff.mismatch) return fail('format-mismatch', `${fileName}: ${sniff.mismatch}; rename the file or convert it`);
  result.format = sniff.format;
  const started = Date.now();
  let read: DocTree | undefined;
  try {
    read = await readTree(bytes, sniff.format, budget, result.diagnostics, fileName);
  } catch (err) {
    // A parser gave up on a pathological input (e.g. nesting deep enough to exhaust the stack).
    return fail('corrupt-document', `${fileName}: the ${sniff.format} reader failed (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!read) return result;
  if (read.pageCount !== undefined) result.pageCount = read.pageCount;
  if (Date.now() - started > budget) return fail('time-budget-exceeded', `${fileName}: reading took longer than ${budget} ms`);
  if (read.blocks.length === 0) return fail('empty-document', `${fileName}: the document has no text${sniff.format === 'pdf' ? ' (a scanned PDF needs OCR first)' : ''}`);
  let sops;
  try {
    sops = extractSops(read, fileName);
  } catch (err) {
    return fail('corrupt-document', `${fileName}: the document structure could not be analysed (${err instanceof Error ? err.message : String(err)})`);
  }
  if (sops.length === 0) {
    return fail('no-procedure-found', `${fileName}: no procedure found (no numbered steps, step headings, step tables, checklists, flowcharts or instructions under a procedure heading); nothing was invented`);
  }
  result.sops = sops;
  if (options.llm) {
    for (let i = 0; i < sops.length; i++) {
      const refined = await refineWithLlm(sops[i], options.llm);
      if (refined.error) result.diagnostics.push(diagnostic('llm-failed', 'warning', `${fileName}: ${refined.error}`, fileName));
      result.sops[i] = { ...refined.sop, llmChanges: refined.changes };
    }
  }
  for (const sop of sops) {
    const incomplete = sop.steps.filter((s) => s.incomplete).length;
    if (incomplete > 0) result.diagnostics.push(diagnostic('incomplete-steps', 'warning', `${fileName}: "${sop.title}" has ${incomplete} step(s) with placeholder bodies; review before publishing`, fileName));
    for (const w of sop.warnings.filter((x) => x.includes('not a step of this procedure'))) result.diagnostics.push(diagnostic('unresolved-reference', 'warning', `${fileName}: ${w}`, fileName));
  }
  return result;
}

async function readTree(bytes: Uint8Array, format: DocTree['format'], budget: number, diagnostics: ImportDiagnostic[], file: string): Promise<DocTree | undefined> {
  const err = (code: ImportDiagnosticCode, message: string) => { diagnostics.push(diagnostic(code, 'error', `${file}: ${message}`, file)); return undefined; };
  switch (format) {
    case 'pdf': {
      const pdf = await readPdf(bytes, budget);
      return pdf.ok ? pdf.tree : err(pdf.code, pdf.message);
    }
    case 'docx': {
      const docx = await readDocx(bytes);
      return docx.ok ? docx.tree : err(docx.code, docx.message);
    }
    case 'markdown': case 'html': case 'text': {
      const decoded = decodeText(bytes);
      if (!decoded.ok) return err('undecodable-text', decoded.message);
      if (decoded.note) diagnostics.push(diagnostic('read-warning', 'info', `${file}: ${decoded.note}`, file));
      if (decoded.text.trim() === '') return err('empty-document', 'the document is empty');
      if (format === 'markdown') return readMarkdown(decoded.text);
      if (format === 'html') return readHtml(decoded.text);
      // reStructuredText (.rst, or section underlines and directives) is read structurally, through markdown.
      if (/\.(?:rst|rest)$/i.test(file) || /^\.\. (?:note|warning|code-block|toctree|_[\w-]+):/m.test(decoded.text)) return { ...readMarkdown(rstToMarkdown(decoded.text)), format: 'text' };
      return readText(decoded.text);
    }
    default:
      return assertNever(format);
  }
}

function diagnostic(code: ImportDiagnosticCode, severity: ImportDiagnostic['severity'], message: string, file: string): ImportDiagnostic {
  return { code, severity, message, file };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`;
}
