import { cleanRole, teamMentions } from './roles.js';
import { isRoleName } from './sentences.js';
import { isGenericRole } from './generic-roles.js';

// "Owner: Platform team", "**DRI:** release manager", "Responsible: the lab technician who …", "Who: SRE".
const FIELD = /(?:^|[\s|(*_])(?:owners?|dri|directly responsible individual|responsible(?: (?:party|person|role))?|responsibilit(?:y|ies)|accountable|assignee|who|roles?|performed by|done by|participants|actors|lead)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*([^.\n|]{2,300})/gi;

/**
 * Pure; the roles a labelled field names ("Owner: Platform team", "DRI: release manager",
 * "Responsible: the technician who …; the Biosafety Officer must be informed", "Roles: A, B and C").
 * A person's name or handle is not a role; a team mention ("@acme/release") is.
 */
export function roleFields(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FIELD)) {
    for (const part of m[1].split(/;|,|\band\b|&|\s+\/\s+/)) {
      const team = teamMentions(part)[0];
      const name = team ?? cleanRole(part.replace(/\s+(?:who|which|that|must|shall|should|will|is|are|has|have|for|to|of)\b.*$/i, ''));
      if (team || (isRoleName(name) && !isGenericRole(name))) out.push(name);
    }
  }
  return out;
}
