import type { Diagnostic } from '@sopflow/format';
import type { Style } from './style.js';

/**
 * Formats diagnostics as `file:line:col severity code message`, each followed by the offending
 * source line and a caret under the column when the text is available.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], text: string | undefined, style: Style): string {
  const lines = text?.split(/\r?\n/);
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = d.line > 0 ? `${d.file ?? '<input>'}:${d.line}:${d.column}` : (d.file ?? '<input>');
    const sev = d.severity === 'error' ? style.red('error') : d.severity === 'warning' ? style.yellow('warning') : style.cyan('info');
    out.push(`${style.bold(where)} ${sev} ${style.dim(d.code)} ${d.message}`);
    const source = lines && d.line > 0 ? lines[d.line - 1] : undefined;
    if (source !== undefined) {
      const gutter = String(d.line).padStart(5);
      const shown = source.length > 160 ? `${source.slice(0, 160)}…` : source;
      out.push(style.dim(`${gutter} | `) + shown);
      const col = Math.max(1, Math.min(d.column, shown.length + 1));
      out.push(style.dim(`${' '.repeat(5)} | `) + ' '.repeat(col - 1) + style.red('^'));
    }
    if (d.hint) out.push(style.dim(`      hint: ${d.hint}`));
  }
  return out.join('\n');
}
