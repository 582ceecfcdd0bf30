import { useMemo } from 'react';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { linter, lintGutter, type Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { Diagnostic } from '@sopflow/format';
import { EDITOR_THEME } from './editor-theme';
import type { OsopChecker } from './osop-checker';

/** Pure; the format's diagnostics as CodeMirror marks: from the line and column to the end of that word (or the line). */
export function toEditorDiagnostics(doc: Text, diagnostics: readonly Diagnostic[]): EditorDiagnostic[] {
  return diagnostics.map((d) => {
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const from = Math.min(line.from + Math.max(d.column, 1) - 1, line.to);
    const word = /^[^\s:,{}[\]]+/.exec(doc.sliceString(from, line.to));
    const to = word === null ? line.to : from + word[0].length;
    return { from, to: Math.max(to, from), severity: d.severity, message: `${d.message} (${d.code})`, source: `line ${d.line}, column ${d.column}` };
  });
}

/**
 * Lints the editor's text with @sopflow/format through `checker` (its Web Worker) 250 ms after typing
 * stops; a stale answer marks nothing (CodeMirror also drops marks for a document that has changed since).
 */
function osopLinter(checker: OsopChecker) {
  return linter(async (view) => {
    const doc = view.state.doc;
    const checked = await checker.check(doc.toString());
    return checked === null ? [] : toEditorDiagnostics(doc, checked.report.diagnostics);
  }, { delay: 250 });
}

export interface YamlFieldProps { value: string; onChange(text: string): void; checker: OsopChecker; dark: boolean; label: string }

/**
 * The .osop text in CodeMirror 6: YAML highlighting, live diagnostics marked in the text and in the lint gutter.
 * The text's explicit tabindex (it is in the tab order anyway) tells axe the scrolling region holds focusable content.
 */
export default function YamlField({ value, onChange, checker, dark, label }: YamlFieldProps) {
  const extensions = useMemo(() => [yaml(), lintGutter(), osopLinter(checker), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })], [checker, label]);
  return <CodeMirror value={value} onChange={onChange} extensions={extensions} theme={dark ? EDITOR_THEME.dark : EDITOR_THEME.light} minHeight="420px" maxHeight="70vh" basicSetup={{ foldGutter: false }} />;
}
