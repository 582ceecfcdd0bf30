import type { ExpectedDoc, ExpectedStep } from '../import/score.js';

/**
 * A hold-out outline: the scorer's ExpectedDoc plus what the scorer itself does not check, so the
 * runner can report it concretely: each step's role, timers that may appear without counting as
 * spurious, text that must not become a step, the SOP titles of a multi-procedure file, and
 * conversions to .docx / .pdf done in a temp dir.
 */
export interface HoldoutStep extends ExpectedStep {
  /** The role the text gives this step (compared with roleMatches). */
  role?: string;
}

export interface HoldoutDoc extends ExpectedDoc {
  steps: HoldoutStep[];
  /** Titles of every procedure, when the file holds more than one. */
  sopTitles?: string[];
  /** Timers that are acceptable but not required (conditions, retention periods, review cycles). */
  optionalTimers?: { amount: number; unit: string; business?: boolean }[];
  /** Text that looks like a list item or row but must not become a step. */
  notSteps?: string[];
  /** Also score this document converted to these formats. */
  convert?: { as: 'docx' | 'pdf'; twoColumns?: boolean }[];
}
