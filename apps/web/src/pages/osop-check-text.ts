import { renderOutline, validateSource, type ValidationReport } from '@sopflow/format';

/** What a check answers for one text: the format's report and, when the document is valid, its outline. */
export interface CheckedText { report: ValidationReport; outline: string | null }

/** Pure; the editor's check of one .osop text — run in the check's worker, or on the main thread when no worker runs. */
export function checkOsopText(text: string): CheckedText {
  const report = validateSource(text, 'draft.osop');
  return { report, outline: report.valid && report.workflow !== undefined ? renderOutline(report.workflow) : null };
}
