import type { ImportResult, ImportedStep } from '@sopflow/importer';
import { matchSteps, roleMatches, similarity, tokens, type ProducedDoc, type ProducedStep } from '../import/score.js';
import type { HoldoutDoc } from './holdout-types.js';

/** One concrete disagreement between the importer's output and the hand-written outline. */
export interface Miss {
  kind: 'step-missing' | 'step-spurious' | 'not-a-step' | 'decision-missing' | 'decision-wrong' | 'decision-spurious'
    | 'role-wrong' | 'timer-missing' | 'timer-spurious' | 'title' | 'step-prefix' | 'sop-count' | 'skeleton' | 'no-procedure';
  file: string;
  detail: string;
  /** The document line the miss is about, when one can be found. */
  sentence?: string;
}

/** Per-document tallies the scorer does not return as counts (pooled across documents by the runner). */
export interface Tally {
  decisionsWanted: number;
  decisionsHit: number;
  stepRolesWanted: number;
  stepRolesHit: number;
  timersWanted: number;
  timersHit: number;
  timersProduced: number;
  timersSpurious: number;
}

/** Produced steps in the scorer's shape, plus a way back to the importer's step (role, source, timers). */
export function toProduced(result: ImportResult): { doc: ProducedDoc; byKey: Map<string, ImportedStep> } {
  const byKey = new Map<string, ImportedStep>();
  const steps: ProducedStep[] = result.sops.flatMap((sop, sopIndex) => sop.steps.map((s) => {
    const key = `${sopIndex}:${s.sequence_order}`;
    byKey.set(key, s);
    return { key, title: s.title, description: s.description, decisions: s.decisions, sopIndex, sequence: s.sequence_order, incomplete: s.incomplete };
  }));
  return {
    doc: {
      steps,
      roles: [...new Set(result.sops.flatMap((s) => s.roles))],
      timers: result.sops.flatMap((s) => s.steps.flatMap((st) => st.timers)),
      noProcedure: result.diagnostics.some((d) => d.code === 'no-procedure-found'),
    },
    byKey,
  };
}

/** The line of the source document that best contains the given text (for quoting in a miss). */
export function quoteLine(sourceText: string, text: string): string | undefined {
  const want = tokens(text);
  let best: { line: string; score: number } | undefined;
  for (const raw of sourceText.split('\n')) {
    const line = raw.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const have = new Set(tokens(line));
    const score = want.filter((w) => have.has(w)).length / Math.max(1, want.length);
    if (!best || score > best.score) best = { line, score };
  }
  return best && best.score >= 0.5 ? best.line.slice(0, 220) : undefined;
}

/** The line that states a timer: the amount followed by its unit, or a spelled-out recurrence for 1. */
function timerLine(sourceText: string, amount: number, unit: string): string | undefined {
  const amountRe = amount === 1 ? `(1|an?|one|every|each|per)` : String(amount);
  const re = new RegExp(`\\b${amountRe}\\s+(business |working |calendar )?${unit}s?\\b|\\b${amount === 1 ? unit.replace(/y$/, 'i') + 'ly' : '$^'}`, 'i');
  return sourceText.split('\n').map((l) => l.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()).find((l) => re.test(l))?.slice(0, 220);
}

const timerKey = (t: { amount: number; unit: string }) => `${t.amount} ${t.unit}`;
const sameTimer = (e: { amount: number; unit: string; business?: boolean }, p: { amount: number; unit: string; business: boolean }) =>
  e.amount === p.amount && e.unit === p.unit && (e.business === undefined || e.business === p.business);

export function findMisses(expected: HoldoutDoc, result: ImportResult, sourceText: string, label: string): { misses: Miss[]; tally: Tally } {
  const { doc, byKey } = toProduced(result);
  const misses: Miss[] = [];
  const add = (kind: Miss['kind'], detail: string, sentence?: string) => misses.push({ kind, file: label, detail, sentence });
  const tally: Tally = { decisionsWanted: 0, decisionsHit: 0, stepRolesWanted: 0, stepRolesHit: 0, timersWanted: 0, timersHit: 0, timersProduced: 0, timersSpurious: 0 };
  if (expected.noProcedure) {
    if (!doc.noProcedure) add('no-procedure', 'policy text without a procedure: expected the no-procedure-found diagnostic');
    for (const p of doc.steps) add('step-spurious', `step invented from a policy: "${p.title}"`, byKey.get(p.key)?.source.text);
    return { misses, tally };
  }
  if (result.sops.length === 0) add('sop-count', `no SOP produced (diagnostics: ${result.diagnostics.map((d) => d.code).join(', ') || 'none'})`);
  const wantSops = expected.sopTitles?.length ?? 1;
  if (result.sops.length !== wantSops) add('sop-count', `expected ${wantSops} procedure(s), got ${result.sops.length}: ${result.sops.map((s) => `"${s.title}"`).join(', ')}`);
  const titles = expected.sopTitles ?? [expected.title];
  titles.forEach((t, i) => {
    const got = result.sops[i]?.title;
    if (got !== undefined && similarity(t, got, '') < 0.6) add('title', `SOP ${i + 1} title "${got}", expected "${t}"`);
  });
  const match = matchSteps(expected.steps, doc.steps);
  const matched = new Set([...match.values()].map((p) => p.key));
  const idOf = new Map([...match].map(([id, p]) => [p.key, id]));
  for (const e of expected.steps) {
    if (!e.optional && !match.has(e.id)) add('step-missing', `expected step ${e.id} "${e.text}" not found`, quoteLine(sourceText, e.text));
  }
  for (const p of doc.steps) {
    const step = byKey.get(p.key)!;
    if (/^\s*(step|schritt)\s*\d+/i.test(p.title)) add('step-prefix', `title keeps its number prefix: "${p.title}"`);
    if (matched.has(p.key)) continue;
    const notStep = expected.notSteps?.find((n) => similarity(n, p.title, '') >= 0.5);
    if (notStep) add('not-a-step', `"${notStep}" became step ${p.sopIndex + 1}.${p.sequence} "${p.title}"`, step.source.text);
    else add('step-spurious', `spurious step ${p.sopIndex + 1}.${p.sequence} "${p.title}"`, step.source.text);
  }
  for (const e of expected.steps) {
    const p = match.get(e.id);
    const wanted = e.decisions ?? [];
    const allowed = new Set([...wanted, ...(e.optionalDecisions ?? [])]);
    tally.decisionsWanted += wanted.length;
    if (!p) {
      if (wanted.length) add('decision-missing', `step ${e.id} "${e.text}" (not found) should branch to ${wanted.join(', ')}`, quoteLine(sourceText, e.text));
      continue;
    }
    const got = p.decisions.map((d) => (d.goto === 'end' ? 'end' : idOf.get(`${p.sopIndex}:${d.goto}`) ?? `unmatched #${d.goto}`));
    tally.decisionsHit += wanted.filter((t) => got.includes(t)).length;
    const span = byKey.get(p.key)?.source.text ?? e.text;
    const quote = quoteLine(sourceText, span) ?? span;
    for (const t of wanted.filter((t) => !got.includes(t))) add('decision-missing', `step ${e.id} "${e.text}": no branch to ${t}${got.length ? ` (has ${got.join(', ')})` : ''}`, quote);
    // A branch to "end" from the last step of a procedure is what the text says by ending there.
    const last = p.sequence === Math.max(...doc.steps.filter((s) => s.sopIndex === p.sopIndex).map((s) => s.sequence));
    for (const g of got.filter((g) => !allowed.has(g) && !(g === 'end' && last))) {
      add(wanted.length ? 'decision-wrong' : 'decision-spurious', `step ${e.id} "${e.text}": branch to ${g} not in the text${wanted.length ? ` (expected ${wanted.join(', ')})` : ''}`, quote);
    }
    if (e.role) {
      tally.stepRolesWanted++;
      const role = byKey.get(p.key)?.role;
      if (role && roleMatches(e.role, role)) tally.stepRolesHit++;
      else add('role-wrong', `step ${e.id} "${e.text}": role ${role ? `"${role}"` : 'missing'}, expected "${e.role}"`, quote);
    }
  }
  for (const r of expected.roles.filter((r) => !r.optional)) {
    if (!doc.roles.some((p) => roleMatches(r.name, p))) add('role-wrong', `role "${r.name}" missing from the SOP roles (${doc.roles.join(', ') || 'none'})`);
  }
  const timers = result.sops.flatMap((s) => s.steps.flatMap((st) => st.timers.map((t) => ({ ...t, step: st.title }))));
  tally.timersProduced = timers.length;
  for (const t of expected.timers ?? []) {
    tally.timersWanted++;
    if (timers.some((p) => sameTimer(t, p))) tally.timersHit++;
    else add('timer-missing', `timer ${timerKey(t)}${t.business ? ' (business)' : ''} not found`, timerLine(sourceText, t.amount, t.unit));
  }
  const okTimers = [...(expected.timers ?? []), ...(expected.optionalTimers ?? [])];
  for (const p of timers.filter((p) => !okTimers.some((t) => sameTimer(t, p)))) {
    tally.timersSpurious++;
    add('timer-spurious', `timer ${timerKey(p)}${p.business ? ' (business)' : ''} from "${p.text}" on step "${p.step}"`);
  }
  if (expected.skeleton) {
    const complete = doc.steps.filter((s) => !s.incomplete);
    if (complete.length) add('skeleton', `placeholder steps not marked incomplete: ${complete.map((s) => `"${s.title}"`).join(', ')}`);
  }
  return { misses, tally };
}
