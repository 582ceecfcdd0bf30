import { createLogBuilder, type EventLog, type RawEvent } from '../../packages/analysis/src/index.js';
import { seededRandom as rng } from '../seeded-random.js';


const ALL = [
  'Submit application', 'Check credit', 'Verify identity', 'Request documents', 'Receive documents',
  'Register in CRM', 'Automatic approval', 'Manual review', 'Ask clarification', 'Receive clarification',
  'Decide', 'Send offer', 'Offer accepted', 'Pay out', 'Offer declined', 'Send rejection', 'Notify customer', 'Close case',
];

/**
 * A loan-application process with choice, parallelism, loops and ~6% noise (swapped, dropped or
 * inserted events). About 12.7 events per case: 13,000 cases ≈ 165,000 events.
 */
export function generateLog(cases: number, seed = 42): EventLog {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const builder = createLogBuilder();
  const people = ['Ana', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana'];
  for (let c = 0; c < cases; c++) {
    const acts: string[] = ['Submit application'];
    // Parallel block: credit check || identity (with document loop) || CRM registration.
    const branches: string[][] = [['Check credit'], ['Verify identity'], ['Register in CRM']];
    let docs = 0;
    while (r() < (docs === 0 ? 0.55 : 0.35)) {
      branches[1].push('Request documents', 'Receive documents');
      docs++;
    }
    const pos = branches.map(() => 0);
    while (pos.some((p, i) => p < branches[i].length)) {
      const open = branches.map((_, i) => i).filter((i) => pos[i] < branches[i].length);
      const i = pick(open);
      acts.push(branches[i][pos[i]++]);
    }
    if (r() < 0.35) acts.push('Automatic approval');
    else {
      acts.push('Manual review');
      while (r() < 0.4) acts.push('Ask clarification', 'Receive clarification', 'Manual review');
    }
    acts.push('Decide');
    if (r() < 0.7) {
      acts.push('Send offer');
      if (r() < 0.8) acts.push('Offer accepted', 'Pay out');
      else acts.push('Offer declined');
    } else acts.push('Send rejection');
    if (r() < 0.6) acts.push('Notify customer');
    acts.push('Close case');
    // Noise.
    const noise = r();
    if (noise < 0.02 && acts.length > 3) {
      const i = 1 + Math.floor(r() * (acts.length - 2));
      [acts[i], acts[i + 1]] = [acts[i + 1], acts[i]];
    } else if (noise < 0.04) acts.splice(1 + Math.floor(r() * (acts.length - 1)), 1);
    else if (noise < 0.06) acts.splice(1 + Math.floor(r() * (acts.length - 1)), 0, pick(ALL));
    let t = Date.UTC(2024, 0, 1) + c * 1_800_000;
    const events: RawEvent[] = acts.map((activity) => {
      t += Math.floor(-Math.log(1 - r()) * 3_600_000);
      return { activity, timestamp: t, resource: pick(people), lifecycle: 'complete' };
    });
    builder.addCase({ id: `L${String(c + 1).padStart(6, '0')}`, attributes: { channel: r() < 0.5 ? 'web' : 'branch' }, events });
  }
  return builder.build();
}
