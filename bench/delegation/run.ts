/**
 * Delegation bench: how the evidence policy behaves on synthetic streams with a known true rate.
 *
 *   node --conditions=sopflow-source --import tsx bench/delegation/run.ts [--streams N] [--horizon N]
 *
 * Promotion: shadow trials agreeing with probability p (0.80, 0.88, 0.92, 0.97), the ladder checked
 * after every trial (the worst case: someone asks after each one) up to a horizon; reports how often
 * a step is promoted (a false promotion when p is below the 0.90 threshold) and how many trials a
 * good step needs. Demotion: a supervised step at 0.97 that drifts to a lower rate; reports how many
 * executions after the drift the demotion is proposed, and how often a step that never drifted is.
 * Seeded: every run prints the same table.
 */
import { decideLadder, resolveDelegationPolicy, wilsonInterval } from '@sopflow/analysis';
import type { DelegationObservation, DelegationPolicy, DemotionRule } from '@sopflow/analysis';
import { seededRandom } from '../seeded-random.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STREAMS = flag('--streams', 2000);
const HORIZON = flag('--horizon', 1000);
const policy = resolveDelegationPolicy();
const THRESHOLD = policy.threshold;

interface PromotionResult { p: number; promoted: number; trialsToPromote: number[] }

/** One stream of trials; the trial count at which the ladder first allows trialing → agent_supervised, or undefined. */
function promoteAt(p: number, random: () => number): number | undefined {
  let agreed = 0;
  const observations: DelegationObservation[] = [];
  for (let n = 1; n <= HORIZON; n++) {
    const ok = random() < p;
    if (ok) agreed++;
    observations.push({ kind: 'trial', runId: `t${n}`, ok, critical: false, reason: '' });
    // The same rule as decideLadder, kept incremental; the ladder itself confirms the moment below.
    if (n >= policy.minTrials && wilsonInterval(agreed, n).lower >= THRESHOLD) {
      const decision = decideLadder('trialing', [], observations, policy, THRESHOLD);
      if (!decision.promotion.ready) throw new Error('bench and ladder disagree');
      return n;
    }
  }
  return undefined;
}

function promotionRow(p: number, seed: number): PromotionResult {
  const random = seededRandom(seed);
  const trialsToPromote: number[] = [];
  for (let s = 0; s < STREAMS; s++) {
    const at = promoteAt(p, random);
    if (at !== undefined) trialsToPromote.push(at);
  }
  return { p, promoted: trialsToPromote.length, trialsToPromote: trialsToPromote.sort((a, b) => a - b) };
}

/** One supervised stream at `before` that drifts to `after` at execution `driftAt`; the execution at which demotion is first proposed. */
function demoteAt(before: number, after: number, driftAt: number, length: number, rule: DemotionRule, random: () => number): number | undefined {
  const p: DelegationPolicy = { ...policy, demotion: rule };
  const window: boolean[] = [];
  let ok = 0;
  const observations: DelegationObservation[] = [];
  for (let n = 1; n <= length; n++) {
    const good = random() < (n > driftAt ? after : before);
    window.push(good);
    observations.push({ kind: 'supervised', runId: `s${n}`, ok: good, critical: false, reason: '' });
    if (good) ok++;
    if (window.length > p.window && window.shift()) ok--;
    const w = wilsonInterval(ok, window.length);
    const judged = window.length >= Math.min(p.window, 20);
    const below = rule === 'upper_below' ? judged && w.upper < THRESHOLD : window.length >= p.window && w.lower < THRESHOLD;
    if (below) {
      const decision = decideLadder('agent_supervised', [], observations, p, THRESHOLD);
      if (decision.demotion?.to !== 'trialing') throw new Error('bench and ladder disagree on demotion');
      return n;
    }
  }
  return undefined;
}

function quantileOf(sorted: readonly number[], q: number): string {
  if (sorted.length === 0) return '–';
  return String(sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]);
}

function pct(x: number, of: number): string {
  if (of === 0) return '–';
  return `${((100 * x) / of).toFixed(1)} %`;
}

const out: string[] = [];
out.push(`## Promotion trialing → agent_supervised (${STREAMS} streams per rate, ladder checked after every trial up to ${HORIZON} trials; ${policy.minTrials} trials minimum, 95 % Wilson lower bound ≥ ${THRESHOLD})`, '');
out.push('| true agreement | below threshold? | promoted within horizon | trials to promote: median | p10 | p90 |', '|---|---|---|---|---|---|');
const rates = [0.8, 0.88, 0.92, 0.97];
const rows = rates.map((p, i) => promotionRow(p, 1000 + i));
for (const r of rows) {
  out.push(`| ${r.p.toFixed(2)} | ${r.p < THRESHOLD ? 'yes: a promotion is false' : 'no'} | ${pct(r.promoted, STREAMS)} | ${quantileOf(r.trialsToPromote, 0.5)} | ${quantileOf(r.trialsToPromote, 0.1)} | ${quantileOf(r.trialsToPromote, 0.9)} |`);
}
const worstFalse = Math.max(...rows.filter((r) => r.p < THRESHOLD).map((r) => r.promoted / STREAMS));
out.push('', `False-promotion rate (worst true rate below ${THRESHOLD}): ${(100 * worstFalse).toFixed(1)} % (goal ≤ 5 %)`);

const DRIFT_AT = 300;
const LENGTH = 1300;
out.push('', `## Demotion agent_supervised → trialing (${STREAMS} streams; approval rate 0.97, drifting at execution ${DRIFT_AT}; window ${policy.window})`, '');
out.push('| rule | drift to | demoted after the drift | executions after the drift: median | p90 | false demotions before the drift |', '|---|---|---|---|---|---|');
for (const rule of ['upper_below', 'lower_below'] as const) {
  for (const [k, after] of [0.8, 0.88, 0.97].entries()) {
    const random = seededRandom(2000 + k + (rule === 'lower_below' ? 10 : 0));
    const delays: number[] = [];
    let early = 0;
    for (let s = 0; s < STREAMS; s++) {
      const at = demoteAt(0.97, after, DRIFT_AT, LENGTH, rule, random);
      if (at === undefined) continue;
      if (at <= DRIFT_AT) early++;
      else delays.push(at - DRIFT_AT);
    }
    delays.sort((a, b) => a - b);
    const label = after === 0.97 ? '0.97 (no drift)' : after.toFixed(2);
    out.push(`| ${rule === 'upper_below' ? 'upper bound < threshold (default)' : 'lower bound < threshold'} | ${label} | ${pct(delays.length, STREAMS - early)} within ${LENGTH - DRIFT_AT} | ${quantileOf(delays, 0.5)} | ${quantileOf(delays, 0.9)} | ${pct(early, STREAMS)} |`);
  }
}
out.push('', 'A critical error demotes at once (the next check after it), whatever the window says.');
process.stdout.write(`${out.join('\n')}\n`);
