import { cleanRole } from './roles.js';
import { isRoleName } from './sentences.js';
import { isGenericRole } from './generic-roles.js';
import { type Section, walkSections } from './sections.js';
import type { Candidate, StepDraft } from './step-draft.js';

// People a checklist addresses that are not named by a job word ("Volunteer", "New starter", "Mentor").
const PEOPLE = /\b(?:volunteers?|mentors?|buddy|buddies|interns?|researchers?|scientists?|maintainers?|contributors?|newcomers?|new (?:hires?|starters?|joiners?|members?)|starters?|joiners?|leavers?|postdocs?|students?|supervisees?|line managers?|principal investigators?|PIs?)$/i;

/**
 * Pure; the role a heading names when a checklist is grouped by who does it: "Manager",
 * "For the volunteer", "Site supervisor tasks", "Mentor's checklist", "Tasks for the new starter".
 */
export function roleOfHeading(title: string): string | undefined {
  return readHeading(title)?.role;
}

/**
 * Pure; the role a heading names in so many words, whatever the section holds: "For reviewers",
 * "If you are the release manager", "As a maintainer", "Notes for the on-call engineer",
 * "Reviewer responsibilities", "Role: Scribe" — not a bare "Support" or "Manager".
 */
export function markedRoleOfHeading(title: string): string | undefined {
  const read = readHeading(title);
  return read?.marked ? read.role : undefined;
}

// "Role: Scribe", "Position: Runner": a label naming the role the section describes.
const LEAD = /^(?:(?:tasks?|actions?|checklist|to-?dos?|steps|duties|responsibilities|notes|guidance|instructions|information|tips)\s+(?:for|of)|for|by|done by|to be done by|as|if you(?:'re| are)|when you(?:'re| are)|you(?:'re| are)|(?:role|position):)\s+/i;
// "Mentor's checklist", "Release manager actions checklist": one or more words naming the list after the role.
const TAIL = /(?:'s|’s)?(?:\s+(?:tasks?|actions?|checklist|to-?dos?|steps|duties|responsibilities|guide|guidance|instructions))+$/i;

function readHeading(title: string): { role: string; marked: boolean } | undefined {
  const bare = title.replace(/\*\*|__|`/g, '').replace(/\s*\([^)]*\)\s*$/, '').replace(/[:.?]+$/, '').trim();
  const t = bare.replace(LEAD, '').replace(TAIL, '').replace(/^(?:the|a|an|your|each|every|one of the)\s+/i, '').trim();
  if (t.split(/\s+/).length > 4 || !namesPerformer(t) || isGenericRole(t)) return undefined;
  return { role: cleanRole(t), marked: t !== bare };
}

/** Pure; a short phrase naming who does the work ("Mentor", "new starters", "release manager"); a bare acronym ("AALAS", "VPN") names a topic far more often. */
export function namesPerformer(phrase: string): boolean {
  const t = phrase.trim();
  return PEOPLE.test(t) || (isRoleName(t) && /[a-z]/.test(t));
}

/**
 * Pure; task lists and checklists grouped under role headings ("## Manager", "## New starter"):
 * each step without a performer of its own is done by the role its heading names.
 */
export function assignHeadingRoles(candidates: Candidate[], root?: Section): Candidate[] {
  const marked = root ? markedHeadings(root) : [];
  return candidates.map((c) => {
    const listed = c.kind === 'list' || c.kind === 'checklist' || c.kind === 'table';
    const role = listed && c.container?.title ? roleOfHeading(c.container.title) : undefined;
    const steps = c.steps.map((s) => (s.attrs.who.length > 0 ? s : withWho(s, role ?? roleAbove(marked, s.source.paragraph))));
    return steps.some((s, i) => s !== c.steps[i]) ? { ...c, steps } : c;
  });
}

interface MarkedHeading { paragraph: number; level: number; role?: string }

/** Every heading in reading order with the role it names in so many words ("For reviewers"), if any. */
function markedHeadings(root: Section): MarkedHeading[] {
  const out: MarkedHeading[] = [];
  walkSections(root, (s) => { if (s.heading) out.push({ paragraph: s.heading.source.paragraph, level: s.level, role: markedRoleOfHeading(s.title) }); });
  return out.sort((a, b) => a.paragraph - b.paragraph);
}

/** The role of the nearest heading above a paragraph, or of one of that heading's parents. */
function roleAbove(headings: MarkedHeading[], paragraph: number): string | undefined {
  let level = Infinity;
  for (let i = headings.length - 1; i >= 0; i--) {
    const h = headings[i];
    if (h.paragraph >= paragraph || h.level >= level) continue;
    if (h.role) return h.role;
    level = h.level;
  }
  return undefined;
}

function withWho(step: StepDraft, role: string | undefined): StepDraft {
  return role ? { ...step, attrs: { ...step.attrs, who: [role] } } : step;
}
