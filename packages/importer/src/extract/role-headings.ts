import { cleanRole } from './roles.js';
import { isRoleName } from './sentences.js';
import type { Candidate } from './step-draft.js';

// People a checklist addresses that are not named by a job word ("Volunteer", "New starter", "Mentor").
const PEOPLE = /\b(?:volunteers?|mentors?|buddy|buddies|interns?|researchers?|scientists?|maintainers?|contributors?|newcomers?|new (?:hires?|starters?|joiners?|members?)|starters?|joiners?|leavers?|postdocs?|students?|supervisees?|line managers?|principal investigators?|PIs?)$/i;

/**
 * Pure; the role a heading names when a checklist is grouped by who does it: "Manager",
 * "For the volunteer", "Site supervisor tasks", "Mentor's checklist", "Tasks for the new starter".
 */
export function roleOfHeading(title: string): string | undefined {
  const t = title
    .replace(/\*\*|__|`/g, '')
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[:.]+$/, '')
    .trim()
    .replace(/^(?:(?:tasks?|actions?|checklist|to-?dos?|steps|duties|responsibilities)\s+(?:for|of)|for|by|done by|to be done by)\s+/i, '')
    .replace(/(?:'s|’s)?\s+(?:tasks?|actions?|checklist|to-?dos?|steps|duties|responsibilities)$/i, '')
    .replace(/^(?:the|a|an|your|each|every)\s+/i, '')
    .trim();
  if (t.split(/\s+/).length > 4) return undefined;
  // A bare acronym heading ("AALAS", "VPN") names a topic far more often than a performer.
  if (PEOPLE.test(t)) return cleanRole(t);
  return isRoleName(t) && /[a-z]/.test(t) ? cleanRole(t) : undefined;
}

/**
 * Pure; task lists and checklists grouped under role headings ("## Manager", "## New starter"):
 * each step without a performer of its own is done by the role its heading names.
 */
export function assignHeadingRoles(candidates: Candidate[]): Candidate[] {
  return candidates.map((c) => {
    if (c.kind !== 'list' && c.kind !== 'checklist' && c.kind !== 'table') return c;
    const role = c.container?.title ? roleOfHeading(c.container.title) : undefined;
    if (!role) return c;
    return { ...c, steps: c.steps.map((s) => (s.attrs.who.length > 0 ? s : { ...s, attrs: { ...s.attrs, who: [role] } })) };
  });
}
