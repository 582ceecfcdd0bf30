import { splitSentences } from './sentences.js';

// A department named by its function, in capitals, of two to four words: "Support Engineering",
// "Platform Operations", "Customer Success", "People Ops", "Developer Relations". One word alone
// ("Legal", "Security") is left out: it names a subject as often as a team.
const DEPARTMENT = /^(?:[A-Z][A-Za-z&-]*\s+){1,3}(?:Engineering|Operations|Ops|Success|Enablement|Relations|Services|Support)$/;
const NOT_DEPARTMENT_START = /^(?:The|A|An|This|That|Our|Your|Their|Its|If|When|For|Web|Amazon|Google|Azure|AWS|GCP|Kubernetes|Cloud|Windows|Linux|Microsoft)$/;

/** Pure; true for a department named by its function ("Support Engineering", "Platform Operations"). */
export function isDepartment(name: string): boolean {
  const t = name.trim();
  return DEPARTMENT.test(t) && !NOT_DEPARTMENT_START.test(t.split(/\s+/)[0]);
}

// "Support Engineering will …", "Platform Operations needs to …", "Customer Success reviews …", "… is responsible for".
const ACTING = /^(?:(?:[Ff]irst|[Tt]hen|[Nn]ext|[Ff]inally|[Aa]fterwards),?\s+)?((?:[A-Z][A-Za-z&-]*\s+){1,3}[A-Z][A-Za-z]+)\s+(?:(?:will|shall|must|should|may|can|needs? to|has to|is to|are to)\s+(?:\w+ly\s+)?[a-z]{3,}|is responsible for|are responsible for|(?:then\s+|also\s+)?[a-z]{3,}[^su\W]s\s+(?:the|a|an|it|them|all|each|every|any|your|their|its|this|that|these|those|whether|if)\b)/;

/** Pure; departments acting in some sentences: "Infrastructure Engineering needs to provision a bucket" → "Infrastructure Engineering". */
export function actingDepartments(text: string): string[] {
  return splitSentences(text.replace(/\*\*|__/g, '')).flatMap((s) => {
    const name = s.match(ACTING)?.[1];
    return name && isDepartment(name) ? [name] : [];
  });
}

// "@platform-team", "@sre_oncall", "@release-managers": a handle that is a team by its words ("@dana" is a person).
const TEAM_HANDLE = /(?<![\w@./-])@((?:[a-z0-9]+[-_])*(?:team|teams|squad|oncall|on-call|ops|sre|eng|engineering|support|security|admins|maintainers|reviewers|managers|leads|committee|council|group)(?:[-_][a-z0-9]+)*)(?![\w/])/gi;

/** Pure; mentions of a team handle without an organisation ("@platform-team", "@sre-oncall"). */
export function teamHandles(text: string): string[] {
  return [...text.matchAll(TEAM_HANDLE)].map((m) => `@${m[1]}`);
}
