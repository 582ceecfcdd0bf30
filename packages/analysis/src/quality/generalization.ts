import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../petri/petri-net.js';
import { replayLog, type LogReplay } from '../conformance/token-replay.js';
import type { ReplaySetup } from '../conformance/replay-trace.js';

/**
 * Token-based generalization as `pm4py.generalization_tbr` (Buijs et al.):
 * 1 − Σ_t (1/√occurrences(t)) / |T|, unfired transitions counting 1. Pure.
 */
export function generalization(log: EventLog, net: PetriNet | ReplaySetup, replay?: LogReplay): number {
  const petri = 'cnet' in net ? net.cnet.net : net;
  const r = replay ?? replayLog(log, net);
  const occ = new Map<number, number>();
  for (const { count, result } of r.variants) for (const t of result.activated) occ.set(t, (occ.get(t) ?? 0) + count);
  let sum = 0;
  for (let t = 0; t < petri.transitions.length; t++) {
    const n = occ.get(t) ?? 0;
    sum += n > 0 ? 1 / Math.sqrt(n) : 1;
  }
  return petri.transitions.length > 0 ? 1 - sum / petri.transitions.length : 1;
}
