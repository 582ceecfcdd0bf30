/**
 * Pure scoring of importer output against an expected outline: one-to-one step matching by text
 * similarity, step recall/precision, order agreement (Kendall tau over matched steps), role
 * recall, decision recall (targets compared through the matching) and timer recall.
 */
export interface ExpectedStep {
  id: string;
  text: string;
  optional?: boolean;
  /** Targets: ids of expected steps, or 'end'. */
  decisions?: string[];
  optionalDecisions?: string[];
}

export interface ExpectedDoc {
  file: string;
  title: string;
  roles: { name: string; optional?: boolean }[];
  steps: ExpectedStep[];
  timers?: { amount: number; unit: string; business?: boolean }[];
  /** No procedure: the importer must report `no-procedure-found` and produce no steps. */
  noProcedure?: boolean;
  /** Every step must be marked incomplete. */
  skeleton?: boolean;
}

export interface ProducedStep {
  key: string;
  title: string;
  description: string;
  decisions: { goto: number | 'end' }[];
  sopIndex: number;
  sequence: number;
  incomplete?: boolean;
}

export interface ProducedDoc {
  steps: ProducedStep[];
  roles: string[];
  timers: { amount: number; unit: string; business: boolean }[];
  noProcedure: boolean;
}

export interface DocScore {
  expectedSteps: number;
  producedSteps: number;
  matched: number;
  recall: number;
  precision: number;
  tau: number;
  roleRecall: number | undefined;
  decisionRecall: number | undefined;
  timerRecall: number | undefined;
  ok: boolean;
  missing: string[];
  extra: string[];
}

const STOP = new Set('a an the of to in on for and or with by at from is are be this that its their it as into per via if any all'.split(' '));

export function tokens(text: string): string[] {
  return [...new Set(text.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)).map(stem))];
}

function stem(w: string): string {
  return w.replace(/(ings?|ed|es|s)$/, '').replace(/e$/, '');
}

export function similarity(expected: string, title: string, description: string): number {
  const e = tokens(expected);
  const t = tokens(title);
  if (e.length === 0 || t.length === 0) return 0;
  const inter = e.filter((w) => t.includes(w)).length;
  const dice = (2 * inter) / (e.length + t.length);
  const body = new Set(tokens(`${title} ${description.slice(0, 400)}`));
  const contained = e.filter((w) => body.has(w)).length / e.length;
  return Math.max(dice, 0.9 * contained * (inter > 0 ? 1 : 0.8));
}

export const MATCH_THRESHOLD = 0.5;

/** Greedy one-to-one matching, best pairs first. */
export function matchSteps(expected: ExpectedStep[], produced: ProducedStep[]): Map<string, ProducedStep> {
  const pairs: { e: ExpectedStep; p: ProducedStep; s: number }[] = [];
  for (const e of expected) for (const p of produced) {
    const s = similarity(e.text, p.title, p.description);
    if (s >= MATCH_THRESHOLD) pairs.push({ e, p, s });
  }
  pairs.sort((a, b) => b.s - a.s);
  const out = new Map<string, ProducedStep>();
  const used = new Set<string>();
  for (const { e, p } of pairs) {
    if (out.has(e.id) || used.has(p.key)) continue;
    out.set(e.id, p);
    used.add(p.key);
  }
  return out;
}

export function scoreDoc(expected: ExpectedDoc, produced: ProducedDoc): DocScore {
  if (expected.noProcedure) {
    const ok = produced.noProcedure && produced.steps.length === 0;
    return { expectedSteps: 0, producedSteps: produced.steps.length, matched: 0, recall: ok ? 1 : 0, precision: ok ? 1 : 0, tau: 1, roleRecall: undefined, decisionRecall: undefined, timerRecall: undefined, ok, missing: [], extra: produced.steps.map((s) => s.title) };
  }
  const match = matchSteps(expected.steps, produced.steps);
  const required = expected.steps.filter((s) => !s.optional);
  const matchedRequired = required.filter((s) => match.has(s.id)).length;
  const matchedAny = match.size;
  const recall = required.length === 0 ? 1 : matchedRequired / required.length;
  const precision = produced.steps.length === 0 ? 0 : matchedAny / produced.steps.length;
  const order = required.filter((s) => match.has(s.id)).map((s) => match.get(s.id)!);
  const tau = kendallTau(order.map((p) => p.sopIndex * 10000 + p.sequence));
  const bySeq = new Map<string, string>();
  for (const [id, p] of match) bySeq.set(`${p.sopIndex}:${p.sequence}`, id);
  let decisionTotal = 0;
  let decisionHit = 0;
  for (const e of expected.steps) {
    const wanted = e.decisions ?? [];
    if (wanted.length === 0) continue;
    decisionTotal += wanted.length;
    const p = match.get(e.id);
    if (!p) continue;
    const got = new Set(p.decisions.map((d) => (d.goto === 'end' ? 'end' : bySeq.get(`${p.sopIndex}:${d.goto}`) ?? `?${d.goto}`)));
    decisionHit += wanted.filter((t) => got.has(t)).length;
  }
  const roles = expected.roles.filter((r) => !r.optional);
  const roleRecall = roles.length === 0 ? undefined : roles.filter((r) => produced.roles.some((p) => roleMatches(r.name, p))).length / roles.length;
  const timers = expected.timers ?? [];
  const timerRecall = timers.length === 0 ? undefined : timers.filter((t) => produced.timers.some((p) => p.amount === t.amount && p.unit === t.unit && (t.business === undefined || t.business === p.business))).length / timers.length;
  const skeletonOk = !expected.skeleton || produced.steps.every((s) => s.incomplete);
  return {
    expectedSteps: required.length,
    producedSteps: produced.steps.length,
    matched: matchedRequired,
    recall,
    precision,
    tau,
    roleRecall,
    decisionRecall: decisionTotal === 0 ? undefined : decisionHit / decisionTotal,
    timerRecall,
    ok: skeletonOk,
    missing: required.filter((s) => !match.has(s.id)).map((s) => `${s.id} ${s.text}`),
    extra: produced.steps.filter((p) => ![...match.values()].includes(p)).map((p) => `${p.sopIndex + 1}.${p.sequence} ${p.title}`),
  };
}

/** Role names match by token overlap or as an acronym of each other ("IC" / "Incident Commander"). */
export function roleMatches(expected: string, produced: string): boolean {
  const acronym = (s: string) => s.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).map((w) => w[0].toUpperCase()).join('');
  if (expected.toLowerCase() === produced.toLowerCase()) return true;
  if (acronym(expected) === produced || acronym(produced) === expected) return true;
  const e = tokens(expected);
  const p = tokens(produced);
  const inter = e.filter((w) => p.includes(w)).length;
  return e.length > 0 && inter / e.length >= 0.5;
}

/** Kendall tau-a of a sequence against its sorted order (1 = same order). */
export function kendallTau(values: number[]): number {
  const n = values.length;
  if (n < 2) return 1;
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
    if (values[i] < values[j]) concordant++;
    else if (values[i] > values[j]) discordant++;
  }
  return (concordant - discordant) / ((n * (n - 1)) / 2);
}
