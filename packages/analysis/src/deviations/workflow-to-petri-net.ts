import type { Workflow } from '@sopflow/format';
import type { PetriArc, PetriNet } from '../petri/petri-net.js';
import { buildPrescribedModel } from './prescribed-model.js';

/**
 * Pure; a workflow as an accepting Petri net, so the mining layer's token replay and alignments can
 * check records against a `.osop`: one place per control arc plus `start` and `end`; one transition
 * per way a step can fire (each alternative input × each output option), labelled with the node id
 * (gateways are silent). Final marking: one token in `end`. Limitation: a process whose parallel
 * branches end separately (no join) needs a token per branch in `end`, which this final marking
 * does not accept; join the branches first.
 */
export function workflowToPetriNet(workflow: Workflow): PetriNet {
  const model = buildPrescribedModel(workflow);
  const placeIndex = new Map<string, number>();
  const place = (name: string): number => {
    const mapped = model.endPlaces.has(name) ? 'end' : name;
    let i = placeIndex.get(mapped);
    if (i === undefined) {
      i = placeIndex.size;
      placeIndex.set(mapped, i);
    }
    return i;
  };
  place('start');
  for (const arc of model.arcs) place(arc.place);
  place('end');
  const transitions: { name: string; label: string | null }[] = [];
  const arcs: PetriArc[] = [];
  for (const step of model.steps.values()) {
    const inputs: string[][] = [...step.inputs.alternatives.map((p) => [p]), ...product(step.inputs.andGroups)];
    let k = 0;
    for (const consumed of inputs) for (const produced of step.outputs) {
      const t = transitions.length;
      transitions.push({ name: `${step.id}#${k}`, label: step.silent ? null : step.id });
      k += 1;
      for (const p of consumed) arcs.push({ direction: 'placeToTransition', place: place(p), transition: t, weight: 1 });
      for (const p of produced) arcs.push({ direction: 'transitionToPlace', place: place(p), transition: t, weight: 1 });
    }
  }
  const places = [...placeIndex.keys()].map((name) => ({ name }));
  const initialMarking = places.map((p) => (p.name === 'start' ? 1 : 0));
  const finalMarking = places.map((p) => (p.name === 'end' ? 1 : 0));
  return { places, transitions, arcs, initialMarking, finalMarking };
}

/** Every way to pick one place from each group (empty when there are no groups). */
function product(groups: readonly string[][]): string[][] {
  if (groups.length === 0) return [];
  let out: string[][] = [[]];
  for (const group of groups) out = out.flatMap((prefix) => group.map((p) => [...prefix, p]));
  return out.slice(0, 256);
}
