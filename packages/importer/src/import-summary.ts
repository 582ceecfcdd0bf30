import type { ImportResult } from './import-result.js';

/** Counts for one imported document, as `sopflow import` prints them. */
export interface ImportSummary {
  file: string;
  ok: boolean;
  procedures: number;
  steps: number;
  decisions: number;
  roles: number;
  warnings: number;
  errors: string[];
}

/** Pure; the per-document counts (an `error` diagnostic makes `ok` false: exit 1, write nothing). */
export function summarizeImport(result: ImportResult): ImportSummary {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  return {
    file: result.file,
    ok: errors.length === 0,
    procedures: result.sops.length,
    steps: result.sops.reduce((n, s) => n + s.steps.length, 0),
    decisions: result.sops.reduce((n, s) => n + s.steps.reduce((m, st) => m + st.decisions.length, 0), 0),
    roles: new Set(result.sops.flatMap((s) => s.roles.map((r) => r.toLowerCase()))).size,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').length + result.sops.reduce((n, s) => n + s.warnings.length, 0),
    errors,
  };
}

/** Pure; one line per document, e.g. `sop.md: 1 procedure, 6 steps, 4 decisions, 3 roles, 0 warnings`. */
export function formatImportSummary(result: ImportResult): string {
  const s = summarizeImport(result);
  if (!s.ok) return s.errors.join('; ');
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const titles = result.sops.map((sop) => `  - ${sop.title} (${plural(sop.steps.length, 'step')})`).join('\n');
  return `${s.file}: ${plural(s.procedures, 'procedure')}, ${plural(s.steps, 'step')}, ${plural(s.decisions, 'decision')}, ${plural(s.roles, 'role')}, ${plural(s.warnings, 'warning')}\n${titles}`;
}
