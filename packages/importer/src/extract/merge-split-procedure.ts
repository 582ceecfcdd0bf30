import { isRunbookSection } from './sections.js';
import type { Candidate } from './step-draft.js';

/** A heading that names a procedure of its own ("Procedure B: Leaver", "Offboarding process", "How to restore"). */
const NAMES_A_PROCEDURE = /\b(procedures?|process|protocol|runbook|playbook|how to|workflow)\b|^(part|procedure|section)\s+[A-Z0-9]\b/i;

/**
 * Pure; one procedure written as lists under several headings ("Physical setup", "Accounts",
 * "Your computer"; "Three days before", "One day before") is one SOP whose steps are all the items,
 * in document order. Candidates stay apart when any of their headings names a procedure of its own,
 * when two share a heading title, or when one is a flowchart.
 */
export function mergeSplitProcedure(chosen: Candidate[]): Candidate[] {
  if (chosen.length < 2) return chosen;
  // A runbook's "Diagnosis" prose and "Mitigation" list are one procedure, whatever their shapes.
  const runbook = chosen.filter((c) => c.container && isRunbookSection(c.container.title));
  if (runbook.length >= 2) return [...chosen.filter((c) => !runbook.includes(c)), merged(runbook)].sort((a, b) => a.span[0] - b.span[0]);
  if (chosen.some((c) => c.kind === 'mermaid' || c.kind === 'prose' || c.kind === 'sections')) return chosen;
  const titles = chosen.map((c) => c.container?.title ?? '');
  if (titles.some((t) => NAMES_A_PROCEDURE.test(t))) return chosen;
  const distinct = new Set(chosen.map((c) => c.container).filter(Boolean));
  if (new Set([...distinct].map((s) => s!.title.toLowerCase())).size !== distinct.size) return chosen;
  return [merged(chosen)];
}

function merged(candidates: Candidate[]): Candidate {
  const sorted = [...candidates].sort((a, b) => a.span[0] - b.span[0]);
  return {
    kind: sorted.some((c) => c.kind === 'checklist') ? 'checklist' : sorted[0].kind,
    priority: Math.max(...sorted.map((c) => c.priority)),
    title: '',
    steps: sorted.flatMap((c) => c.steps),
    span: [sorted[0].span[0], Math.max(...sorted.map((c) => c.span[1]))],
  };
}
