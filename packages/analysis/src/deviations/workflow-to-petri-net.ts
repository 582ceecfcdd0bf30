import type { Workflow } from '@sopflow/format';
import type { PetriArc, PetriNet } from '../petri/petri-net.js';
import type { PrescribedStep } from './prescribed-model.js';
import { buildPrescribedModel } from './prescribed-model.js';

/**
 * Pure; a workflow as an accepting Petri net, so the mining layer's token replay and alignments can
 * check records against a `.osop`: one place per control arc plus `start` and `end`, and each step
 * is ONE visible transition labelled with its node id (token replay looks a label up as a single
 * transition). A step with several ways in (alternative inputs, AND-join choices) gets a pre-place
 * `<id>#ready` fed by one silent `<id>#in<k>` per way; a step with several ways out gets a
 * post-place `<id>#done` drained by one silent `<id>#out<k>` per option. Gateways are routing only:
 * all their transitions are silent (`<id>#<k>`). Final marking: one token in `end`.
 * Limitation: a process whose parallel branches end separately (no join) needs a token per branch
 * in `end`, which this final marking does not accept; join the branches first.
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
  const addTransition = (name: string, label: string | null, consumed: readonly string[], produced: readonly string[]): void => {
    const t = transitions.push({ name, label }) - 1;
    for (const p of consumed) arcs.push({ direction: 'placeToTransition', place: place(p), transition: t, weight: 1 });
    for (const p of produced) arcs.push({ direction: 'transitionToPlace', place: place(p), transition: t, weight: 1 });
  };
  for (const step of model.steps.values()) {
    const inputs = inputChoices(step);
    if (step.silent) {
      let k = 0;
      for (const consumed of inputs) for (const produced of step.outputs) addTransition(`${step.id}#${k++}`, null, consumed, produced);
      continue;
    }
    const consumed = inputs.length === 1 ? inputs[0] : [`${step.id}#ready`];
    const produced = step.outputs.length === 1 ? step.outputs[0] : [`${step.id}#done`];
    addTransition(step.id, step.id, consumed, produced);
    if (inputs.length > 1) inputs.forEach((ps, k) => addTransition(`${step.id}#in${k}`, null, ps, consumed));
    if (step.outputs.length > 1) step.outputs.forEach((ps, k) => addTransition(`${step.id}#out${k}`, null, produced, ps));
  }
  const places = [...placeIndex.keys()].map((name) => ({ name }));
  const initialMarking = places.map((p) => (p.name === 'start' ? 1 : 0));
  const finalMarking = places.map((p) => (p.name === 'end' ? 1 : 0));
  return { places, transitions, arcs, initialMarking, finalMarking };
}

/** The ways a step may start: each alternative place alone, or one place from every AND group. */
function inputChoices(step: PrescribedStep): string[][] {
  return [...step.inputs.alternatives.map((p) => [p]), ...product(step.inputs.andGroups)];
}

/** Every way to pick one place from each group (empty when there are no groups). */
function product(groups: readonly string[][]): string[][] {
  if (groups.length === 0) return [];
  let out: string[][] = [[]];
  for (const group of groups) out = out.flatMap((prefix) => group.map((p) => [...prefix, p]));
  return out.slice(0, 256);
}
