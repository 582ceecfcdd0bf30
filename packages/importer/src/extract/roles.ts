import type { Block } from '../tree/doc-tree.js';
import { type Section, walkSections } from './sections.js';
import { isGenericRole } from './generic-roles.js';
import { actingDepartments, isDepartment, teamHandles } from './role-departments.js';
import { ROLE_WORD, isImperative, isRoleName, roleSubject, splitSentences } from './sentences.js';

/** Pure; tidies a role name: no "(optional)", no leading article, no markdown. */
export function cleanRole(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/\((?:optional|if applicable|if needed|as needed|where applicable)\)/gi, '')
    // "a member of the IT team", "someone from Finance": the team is the role.
    .replace(/^(?:(?:a|each|any)\s+)?(?:members?\s+of|one\s+of|(?:someone|somebody|anyone|people)\s+(?:from|in|on))\s+(?:the\s+|your\s+|our\s+)?/i, '')
    // "a known IT team", "a suitable assessor": the adjective picks one out, the role is what follows.
    .replace(/^(?:(?:and|or|to|the|a|an|each|every|all|any|those|these|other|current|specific|known|trusted|suitable|appropriate|reputable|recogni[sz]ed)\s+)+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.:,;]+$/, '');
}

/** Who is named in some sentences: who acts (see performersInText), whom an instruction addresses, sends to or needs approval from, team mentions, and with `passive`, "done by the X". */
export function rolesInText(text: string, passive = true): string[] {
  const out: string[] = [];
  for (const sentence of splitSentences(text)) {
    out.push(...performersIn(sentence), ...qualifiedTitles(sentence), ...addressedRoles(sentence), ...recipientRoles(sentence), ...approverRoles(sentence), ...teamMentions(sentence), ...teamHandles(sentence));
    if (passive) out.push(...passiveAgents(sentence));
  }
  return out;
}

/** Who does what some sentences ask: subjects ("The QMO creates") and "As the X, …" — not whom an instruction addresses ("Notify the manager"). */
export function performersInText(text: string): string[] {
  return splitSentences(text).flatMap(performersIn);
}

function performersIn(sentence: string): string[] {
  const out: string[] = [];
  const subject = roleSubject(sentence);
  if (subject) out.push(cleanRole(subject));
  else out.push(...actingDepartments(sentence));
  // "This is done by the Workplace team", "This step is performed by a pharmacist": the step's own performer.
  if (/^(?:this|it|this (?:step|task|check)|the (?:step|task|check))\s+(?:is|must be|should be|will be|can be|gets)\s+/i.test(sentence.trim())) out.push(...passiveAgents(sentence));
  // "As the X, …" / "As **project manager** it is your responsibility …" / "As a reviewer you …".
  const as = sentence.match(/\bAs (?:the |a |an |your )?([^,]{2,40}?)(,| it is your\b| you\b)/);
  if (as && (isRoleName(cleanRole(as[1])) || (as[2] !== ',' && /^[\w*-]+(?: [\w*-]+){0,2}$/.test(as[1].trim())))) out.push(cleanRole(as[1]));
  return out;
}

/** Roles an instruction brings in: "Contact your system manager", "Ping the incident commander", "let the owner know". */
export function addressedRoles(sentence: string): string[] {
  const out: string[] = [];
  // (?<!-): "the on-call engineer" calls no one.
  const re = /\b(?<!-)(?:contact(?:s|ing)?|notif(?:y|ies|ying)|inform(?:s|ing)?|ping(?:s|ing)?|call(?:s|ing)?|e-?mail(?:s|ing)?|ask(?:s|ing)?|tell(?:s|ing)?|let(?:s|ting)?|escalat(?:e|es|ed|ing) to|page|alert|involv(?:e|es|ing)|consult(?:s|ing)?|loop in|cc|hand(?:s|ed)? (?:it |this |the \w+ )?(?:over|off) to|report(?:s|ing)? to|assign(?:s|ed|ing)? (?:it |this |the \w+ )?to|reach(?:es|ing)? out to|(?:get|gets|obtain|obtains|request|requests|seek|seeks) (?:approval|sign-?off|a review|an? (?:ok|okay)) from|(?:appoint|designate|nominate|identify|choose|select|pick|recruit)(?:s|ed|ing)?(?=\s+(?:an?|one)\s))\s+(?:the |a |an |your |their |our |one of the )?([A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,4})/gi;
  for (const m of sentence.matchAll(re)) {
    // "notify any affected customers and partners", "CC those engineers", "emails targeting specific
    // staff": people picked out by the circumstance (or no verb at all) receive news, they act in no step.
    if (RECIPIENTS_BY_CIRCUMSTANCE.test(m[1])) continue;
    // "call the ward's duty nurse": the possessor is a place or a group, the role is what it holds.
    const held = sentence.slice((m.index ?? 0) + m[0].length).match(/^['’]s?\s+([A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,4})/);
    if (held) { const name = rolePrefix(held[1]); if (name) out.push(name); continue; }
    // "notify Suppliers and Customers of the recall": both are addressed.
    for (const phrase of m[1].split(/\s+(?:and|or)\s+/)) {
      const name = rolePrefix(phrase);
      if (name) out.push(name);
    }
  }
  return out;
}

// "the on-call engineer", "the duty pharmacist", "an acting head of department": a title its qualifier makes a role wherever it stands.
const QUALIFIED = /\b(?:the|an?|your|our|their|whoever is)\s+((?:on-?call|on call|oncall|duty|acting|interim|designated|deputy|primary|secondary|backup|standby)\s+[A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,3})/gi;

/** Titles with a duty qualifier, wherever they stand: "Once the on-call engineer …", "hand over to the duty pharmacist". */
export function qualifiedTitles(sentence: string): string[] {
  // "an on-call rota": the qualifier alone is not the title.
  return [...sentence.matchAll(QUALIFIED)].map((m) => rolePrefix(m[1])).filter((r): r is string => r !== undefined && r.includes(' '));
}

// "Submit the form to your line manager", "Send the draft to the comms lead": who the thing goes to next.
const SENT_TO = /\b(?:send|sends|sent|forward(?:s|ed)?|submit(?:s|ted)?|pass(?:es|ed)?|hand(?:s|ed)?|give(?:s|n)?|route(?:s|d)?|refer(?:s|red)?|present(?:s|ed)?|show(?:s|n)?)\b[^.;:]{1,40}?\bto (?:the |a |an |your |their |our )([A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,4})/gi;
// "Check with your manager", "coordinate with the comms lead", "talk to the DBA on call".
const WORK_WITH = /\b(?:check|checks|checking|coordinate|coordinates|coordinating|liaise|liaises|liaising|work|works|working|pair|pairs|pairing|sync|syncs|speak|speaks|talk|talks|confer|agree|agrees|discuss (?:it|this))\s+(?:with|to)\s+(?:the |a |an |your |their |our )([A-Za-z][\w+/-]*(?:\s+[A-Za-z][\w+/-]*){0,4})/gi;

/** Roles a thing is sent to or an instruction works with: "Submit the form to your line manager", "Check with the comms lead". */
export function recipientRoles(sentence: string): string[] {
  return [...sentence.matchAll(SENT_TO), ...sentence.matchAll(WORK_WITH)].map((m) => rolePrefix(m[1])).filter((r): r is string => r !== undefined);
}

// "your manager's approval", "the security team's sign-off": the possessor approves.
const APPROVER = /\b(?:the |your |a |an |their |our )?((?:[A-Za-z][\w+/-]*\s+){0,3}[A-Za-z][\w+/-]*)['’]s?\s+(?:written\s+)?(?:approval|sign-?off|permission|consent|agreement|authori[sz]ation|go-ahead|ok|okay|review)\b/gi;

/** Roles whose approval an instruction needs: "Get your manager's approval" → manager. */
export function approverRoles(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(APPROVER)) {
    // "Get your line manager's": the longest role name after the last article, else of at most two words.
    const parts = m[1].split(/\s+(?:the|your|a|an|their|our)\s+/i);
    const words = parts[parts.length - 1].split(/\s+/);
    for (let k = parts.length > 1 ? 0 : Math.max(0, words.length - 2); k < words.length; k++) {
      const name = words.slice(k).join(' ');
      if (isRoleName(name) && !isGenericRole(name) && !NOT_A_NAME_START.test(words[k])) { out.push(cleanRole(name)); break; }
    }
  }
  return out;
}

const RECIPIENTS_BY_CIRCUMSTANCE = /^(?:(?:any|all|affected|impacted|relevant|concerned|interested|those|these|such|other|external|several|some|many)\b|[a-z]+ing\s+(?:specific|the|a|an|all|any|some|our|their|your|other|certain)\b)/i;

/** The longest role name a phrase starts with ("incident commander of critical issues" → "incident commander"). */
function rolePrefix(phrase: string): string | undefined {
  const words = phrase.split(/\s+/);
  // "This page is for support engineers": "page" is a noun there, and "is for …" names no one.
  if (NOT_A_NAME_START.test(words[0] ?? '')) return undefined;
  for (let k = Math.min(words.length, 4); k >= 1; k--) {
    const name = words.slice(0, k).join(' ');
    if ((isRoleName(name) || isDepartment(name)) && !/^(them|him|her|us|me|it)$/i.test(cleanRole(name)) && !isGenericRole(name)) return cleanRole(name);
  }
  return undefined;
}

const NOT_A_NAME_START = /^(?:is|are|was|were|be|been|has|have|for|of|to|in|on|at|by|with|from|that|which|who|if|when|out|up|about|back|this|it)$/i;

// "is approved by the security lead", "gets merged by a maintainer", "is owned by the Platform team".
const PASSIVE = /\b([a-z]+ed|done|run|led|taken|given|written|driven|overseen|undertaken|held|kept|sent|set|made|signed off|carried out)\s+by\s+(?:the |a |an |your |our |their |one of the )?([A-Za-z][\w+/'’-]*(?:\s+[A-Za-z][\w+/'’-]*){0,4})/g;
// Verbs only people do: after them an acronym is a role ("approved by QA"); after "covered by", "created by" it is a rule or a tool (HIPAA, CI).
const DONE_BY_PEOPLE = /^(?:approved|reviewed|signed|signed off|authori[sz]ed|led|owned|performed|done|carried out|notified|handled|triaged|coordinated|countersigned|witnessed|verified|inspected|audited)$/i;

/** The agent of a passive sentence when it names a role: "The change is approved by the security lead" → security lead. */
export function passiveAgents(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(PASSIVE)) {
    // "done by SIG Contributor Experience's team": the possessor is not the agent.
    if (/['’]s\b/.test(m[2])) continue;
    const name = rolePrefix(m[2]);
    if (name && (DONE_BY_PEOPLE.test(m[1]) || ROLE_WORD.test(name))) out.push(name);
  }
  return out;
}

/** GitHub team mentions ("@acme/release-team") name a team; "@someone" is a person and "#channel" a place. */
export function teamMentions(text: string): string[] {
  return [...text.matchAll(/(?<![\w@./-])@[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*[A-Za-z0-9]/g)].map((m) => m[0]);
}

/** A RACI matrix: a header of roles over cells of R / A / C / I (or ✓ / x); the header's columns are roles. */
export function rolesInRaciTable(block: Block): string[] {
  if (block.type !== 'table' || block.rows.length < 2 || block.rows[0].length < 3) return [];
  const cells = block.rows.slice(1).flatMap((r) => r.slice(1)).map((c) => c.trim());
  const raci = cells.filter((c) => /^(?:[RACI](?:\s*[/,]\s*[RACI])*|✓|✔|x|X)$/.test(c)).length;
  if (raci < cells.filter((c) => c !== '').length * 0.6 || raci < 2) return [];
  return block.rows[0].slice(1).map(cleanRole).filter((r) => r.length > 1 && !/^(step|task|activity|action|deliverable|notes?)$/i.test(r));
}

/**
 * Pure; roles named by a Responsibilities section: a table with a Role column next to a
 * responsibility/description column (not a table of authors with names), or list items
 * "**Role**: does …" / "Role – …".
 */
export function rolesFromResponsibilities(root: Section): string[] {
  const out: string[] = [];
  walkSections(root, (section) => {
    for (const block of section.blocks) out.push(...rolesInRaciTable(block));
    // "| Role | Responsibility | When to engage |" names roles wherever it stands ("Communication & Escalation").
    if (section.kind !== 'roles') for (const block of section.blocks) out.push(...rolesInRoleTable(block, false));
    if (section.kind !== 'roles') return;
    for (const block of section.blocks) out.push(...rolesInBlock(block));
  });
  return out;
}

/**
 * A table of roles: a Role (or Who / Team) column beside what each does (Responsibility, Duties,
 * Tasks, When to engage). Inside a Responsibilities section "Function" / "Position" and a
 * Description column count too; a table of people (Name, E-mail, Signature, Date) never does.
 */
export function rolesInRoleTable(block: Block, rolesSection: boolean): string[] {
  if (block.type !== 'table' || block.rows.length < 2) return [];
  const header = block.rows[0].map((c) => c.replace(/[*:_]/g, '').trim().toLowerCase());
  if (header.some((c) => /name|organi[sz]ation|person|e-?mail|affiliation|signature|date/.test(c))) return [];
  const col = header.findIndex((c) => (rolesSection ? /^(role|roles|actor|function|position|who)$/ : /^(role|roles|actor|actors|who|team|teams|responsible (?:party|team|role))$/).test(c));
  const duty = rolesSection ? /responsib|description|task|dut|activit/ : /responsib|dut|task|activit|when to (?:engage|contact|involve|escalate)|escalat|accountab/;
  if (col < 0 || !header.some((c, i) => i !== col && duty.test(c))) return [];
  return block.rows.slice(1).map((r) => cleanRole(r[col] ?? '')).filter((r) => r.length > 1 && (rolesSection || (r.split(/\s+/).length <= 6 && /^[A-Za-z@]/.test(r))));
}

function rolesInBlock(block: Block): string[] {
  if (block.type === 'table') return rolesInRoleTable(block, true);
  if (block.type === 'list') {
    const out: string[] = [];
    for (const item of block.items) {
      const m = item.text.match(/^([^:–—]{2,50})\s*(?::|–|—| - )\s+\S/);
      // "Notice to media: Customers are responsible for …" names its role in the clause, not the label.
      const subject = m && !isRoleName(cleanRole(m[1])) ? roleSubject(item.text.slice(m[0].length - 1)) : undefined;
      if (subject) out.push(cleanRole(subject));
      // "Important: …", "Note: …" are admonitions, not the role a responsibility belongs to.
      // "Announce the handover: Tell the team …" is an instruction with its label, not a role.
      else if (m && m[1].split(/\s+/).length <= 6 && !ADMONITION.test(cleanRole(m[1])) && (isRoleName(cleanRole(m[1])) || !isImperative(m[1]))) out.push(cleanRole(m[1]));
      else if (isRoleName(item.text)) out.push(cleanRole(item.text));
    }
    return out;
  }
  return [];
}

const ADMONITION = /^(?:note|notes|nb|important|warning|caution|tip|hint|example|e\.g|info|danger|attention|reminder|remember)$/i;

/** Case-insensitive dedupe without generic nouns ("team", "users"); an acronym is dropped when its expansion is present ("IC" / "Incident Commander"). */
export function uniqueRoles(roles: string[]): string[] {
  const out: string[] = [];
  for (const role of roles) {
    const r = cleanRole(role);
    if (r.length < 2 || isGenericRole(r) || out.some((o) => o.toLowerCase() === r.toLowerCase())) continue;
    out.push(r);
  }
  return out.filter((r) => !(/^[A-Z]{2,6}$/.test(r) && out.some((o) => o !== r && initials(o) === r)));
}

export function initials(text: string): string {
  return text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0].toUpperCase()).join('');
}
