import type { LlmChange } from './llm/refine-with-llm.js';
import type { SourcePointer } from './tree/doc-tree.js';

/** A problem found while importing; collected, never thrown. */
export interface ImportDiagnostic {
  code: ImportDiagnosticCode;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file: string;
}

export type ImportDiagnosticCode =
  | 'file-too-large'
  | 'empty-document'
  | 'unsupported-format'
  | 'format-mismatch'
  | 'corrupt-document'
  | 'encrypted-document'
  | 'undecodable-text'
  | 'time-budget-exceeded'
  | 'no-procedure-found'
  | 'incomplete-steps'
  | 'unresolved-reference'
  | 'read-warning'
  | 'llm-failed'
  | 'unreadable-file';

export type TimerUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
export type TimerKind = 'deadline' | 'reminder' | 'recurrence';

/** A time expression found in a step ("within 5 working days", "yearly"). */
export interface ImportedTimer {
  text: string;
  amount: number;
  unit: TimerUnit;
  /** Working/business days rather than calendar time. */
  business: boolean;
  kind: TimerKind;
  /** A name the document gives the date ("DATE:A"). */
  label?: string;
}

/** A branch out of a step: `goto` is the target step's sequence_order, or "end". */
export interface ImportedDecision {
  when: string;
  goto: number | 'end';
  /** The target comes at or before this step: the text sends the reader back. */
  loop?: boolean;
}

export interface ImportedSource extends SourcePointer {
  /** Which structure the step came from. */
  from: 'heading' | 'list-item' | 'table-row' | 'checklist' | 'mermaid' | 'diagram' | 'prose';
}

export interface ImportedStep {
  title: string;
  description: string;
  role?: string;
  /** 1-based position in the SOP. */
  sequence_order: number;
  /** The number the document gives the step ("2.5.1"), when it gives one. */
  label?: string;
  /** sequence_order of the enclosing step, for sub-steps. */
  parent?: number;
  decisions: ImportedDecision[];
  /** Actions the step takes only under a condition, without changing the path ("If the disk is full, rotate the logs"). */
  conditionalActions?: { when: string; action: string }[];
  timers: ImportedTimer[];
  inputs?: string[];
  outputs?: string[];
  source: ImportedSource;
  /** The body is a placeholder (TBD, Lorem ipsum, [describe], empty). */
  incomplete?: boolean;
}

export interface ImportedSop {
  title: string;
  roles: string[];
  steps: ImportedStep[];
  /** Text kept out of the steps: history, glossary, references, examples, rules, metadata. */
  notes: string[];
  warnings: string[];
  /** What the optional LLM pass changed or proposed (absent when the pass did not run). */
  llmChanges?: LlmChange[];
}

export interface ImportResult {
  file: string;
  format?: string;
  /** sha256 of the input bytes, hex. */
  sha256: string;
  pageCount?: number;
  sops: ImportedSop[];
  diagnostics: ImportDiagnostic[];
}
