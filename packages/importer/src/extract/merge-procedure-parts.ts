import { blockSpan } from './draft-helpers.js';
import { type Section, allBlocks, walkSections } from './sections.js';
import { partNumber } from './decisions.js';
import type { Candidate, StepDraft } from './step-draft.js';

/** "Part 1 — Prepare", "Phase II: Containment", "Stage 2 Onboarding", "11.2.2 Containment Phase (Technical)". */
const PART_HEADING = /^(?:part|phase|stage)\s+(?:\d{1,2}[a-z]?|[ivx]{1,5})\b|\b(?:phase|stage)(?:\s*\([^)]*\))?\s*:?$/i;

/** A heading that names one part of a procedure told in parts, stages or phases. */
export function isPartHeading(text: string): boolean {
  return PART_HEADING.test(text.replace(/\*\*/g, '').replace(/^\d{1,3}(?:\.\d{1,3})*\.?\s+/, '').trim());
}

/** The children of a section that are the parts of one procedure (two or more), else none. */
export function procedureParts(section: Section): Section[] {
  const parts = section.children.filter((c) => c.heading && isPartHeading(c.heading.text));
  return parts.length >= 2 ? parts : [];
}

/** Every section inside a part of a procedure told in parts (the parts themselves included). */
export function sectionsInParts(root: Section): Set<Section> {
  const inside = new Set<Section>();
  walkSections(root, (s, parent) => {
    if (parent && (inside.has(parent) || procedureParts(parent).includes(s))) inside.add(s);
  });
  return inside;
}

/**
 * Pure; a procedure told in parts ("Part 1 — Prepare", "Part 2 — Contain"; "Identification Phase",
 * "Recovery Phase"; "Stage 1", "Stage 2") is one procedure whose steps are the lists, tables and
 * checklists of every part, in document order. The parts' headings (and their sub-headings, where
 * a list or table under them holds the steps) are group names, not steps; a part with nothing but
 * headings keeps its headings as steps. The merged candidate is marked `parts` so that a policy
 * that carries its procedure in phases keeps it.
 */
export function mergeProcedureParts(root: Section, candidates: Candidate[]): Candidate[] {
  let out = candidates;
  walkSections(root, (section) => {
    const parts = procedureParts(section);
    if (parts.length === 0) return;
    const spans = parts.map((p) => blockSpan([p.heading!, ...allBlocks(p)])!);
    const span: [number, number] = [spans[0][0], spans[spans.length - 1][1]];
    const inside = (c: Candidate) => span[0] <= c.span[0] && c.span[1] <= span[1];
    // The parent's "parts as steps" reading is replaced by the merged procedure.
    const replaced = (c: Candidate) => c.kind === 'sections' && (c.container === section || parts.includes(c.container!));
    const inner = out.filter((c) => inside(c) && !replaced(c));
    // Headings as steps give way to the lists and tables under those headings.
    const contents = inner.filter((c) => !(c.kind === 'sections' && inner.some((x) => x !== c && x.kind !== 'sections' && c.span[0] <= x.span[0] && x.span[1] <= c.span[1])));
    const kept = contents.length > 0 ? contents : out.filter((c) => inside(c));
    const chosen: Candidate[] = [];
    for (const c of [...kept].sort((a, b) => b.priority - a.priority || b.steps.length - a.steps.length)) {
      if (c.steps.length > 0 && !chosen.some((x) => c.span[0] <= x.span[1] && x.span[0] <= c.span[1])) chosen.push(c);
    }
    chosen.sort((a, b) => a.span[0] - b.span[0]);
    if (chosen.length < 2) return;
    const merged: Candidate = {
      kind: chosen.some((c) => c.kind === 'checklist') ? 'checklist' : chosen[0].kind,
      priority: Math.max(3, ...chosen.map((c) => c.priority)),
      title: section.title,
      // Parts directly under a top heading make the document's own procedure: it takes the document's title.
      container: section.level >= 2 ? section : undefined,
      steps: chosen.flatMap((c) => c.steps),
      span,
      parts: parts.length,
    };
    nameParts(parts, merged.steps);
    out = [...out.filter((c) => !inside(c) && !replaced(c)), merged];
  });
  return out;
}

/**
 * The first step of each part opens it: "move to Phase V, Follow-up" (the fifth part, or the one
 * titled Follow-up) and "proceed to 3.2" (a numbered section inside a part) jump there.
 */
function nameParts(parts: Section[], steps: StepDraft[]): void {
  const open = (section: Section, number: string | undefined) => {
    const span = blockSpan([section.heading!, ...allBlocks(section)])!;
    const first = steps.find((d) => span[0] <= d.source.paragraph && d.source.paragraph <= span[1]);
    if (first) (first.opens ??= []).push({ number, title: partTitle(section.title) });
  };
  parts.forEach((part, k) => {
    const explicit = part.heading!.text.replace(/\*\*/g, '').trim().match(/^(?:part|phase|stage)\s+(\d{1,2}[a-z]?|[ivx]{1,5})\b/i)?.[1];
    open(part, explicit ? partNumber(explicit) : String(k + 1));
    walkSections(part, (s) => { if (s !== part && s.heading && s.label) open(s, s.label); });
  });
}

/** "Part 1 — Prepare" → "Prepare"; "Containment Phase (Technical)" → "Containment". */
function partTitle(title: string): string {
  const t = title.replace(/^(?:part|phase|stage)\s+\S+\s*[:—–-]?\s*/i, '').replace(/\s*\b(?:phase|stage)\b.*$/i, '').trim();
  return t || title;
}
