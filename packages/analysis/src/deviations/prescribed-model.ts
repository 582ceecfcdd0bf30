import { edgeModeTraits } from '@sopflow/format';
import type { EdgeMode, Workflow } from '@sopflow/format';
import { forwardReach } from '../diff/step-order.js';

/** One control arc of the prescribed model (switch cases and defaults expanded into arcs). */
export interface Arc {
  place: string;
  from: string;
  to: string;
  mode: EdgeMode;
  when?: string;
  /** switch: the case value that leads here (undefined for the default). */
  caseValue?: unknown;
  isDefault?: boolean;
  joinMode?: string;
}

/** How a step may start: one token from each AND group (any place of a group), or one token from any alternative place. */
export interface StepInputs {
  andGroups: string[][];
  alternatives: string[];
}

export interface PrescribedStep {
  id: string;
  /** Gateways are routing only: a model move over them costs nothing. */
  silent: boolean;
  inputs: StepInputs;
  /** Each option is the set of places one firing marks (a parallel fan-out marks several). */
  outputs: string[][];
}

/**
 * The prescribed behaviour of a workflow as a labelled net: places are control arcs (plus `start`
 * and one end place per final step), each step consumes per its join (AND joins are found from
 * parallel fan-outs whose branches meet) and produces per its split (parallel arcs together, every
 * other arc as an exclusive alternative). Loop, error, timeout and fallback arcs are alternatives.
 */
export interface PrescribedModel {
  steps: Map<string, PrescribedStep>;
  arcs: Arc[];
  startPlace: string;
  endPlaces: Set<string>;
}

/** Pure; the prescribed model of a workflow (dataflow and compensation arcs carry no control and are left out). */
export function buildPrescribedModel(workflow: Workflow): PrescribedModel {
  const arcs: Arc[] = [];
  workflow.edges.forEach((e, i) => {
    if (!edgeModeTraits(e.mode).control || edgeModeTraits(e.mode).undo) return;
    if (e.mode === 'switch' && ((e.cases?.length ?? 0) > 0 || e.defaultTo !== undefined)) {
      (e.cases ?? []).forEach((c, k) => arcs.push({ place: `e${i}c${k}`, from: e.from, to: c.to, mode: e.mode, when: e.when, caseValue: c.value }));
      if (e.defaultTo !== undefined) arcs.push({ place: `e${i}d`, from: e.from, to: e.defaultTo, mode: e.mode, when: e.when, isDefault: true });
      return;
    }
    arcs.push({ place: `e${i}`, from: e.from, to: e.to, mode: e.mode, when: e.when, joinMode: e.joinMode });
  });
  const reach = forwardReach(workflow);
  const entry = workflow.entryPoint ?? workflow.nodes.find((n) => !arcs.some((a) => a.to === n.id && a.mode !== 'loop'))?.id ?? workflow.nodes[0]?.id;
  const steps = new Map<string, PrescribedStep>();
  const endPlaces = new Set<string>();
  for (const node of workflow.nodes) {
    const out = arcs.filter((a) => a.from === node.id);
    const parallel = out.filter((a) => a.mode === 'parallel').map((a) => a.place);
    const outputs = [...(parallel.length > 0 ? [parallel] : []), ...out.filter((a) => a.mode !== 'parallel').map((a) => [a.place])];
    if (outputs.length === 0) {
      endPlaces.add(`end:${node.id}`);
      outputs.push([`end:${node.id}`]);
    }
    const incoming = arcs.filter((a) => a.to === node.id);
    const inputs = joinInputs(node.id, incoming, arcs, reach);
    if (node.id === entry) inputs.alternatives.push('start');
    steps.set(node.id, { id: node.id, silent: node.type === 'gateway', inputs, outputs });
  }
  return { steps, arcs, startPlace: 'start', endPlaces };
}

function joinInputs(nodeId: string, incoming: Arc[], arcs: Arc[], reach: Map<string, Set<string>>): StepInputs {
  const waitAny = incoming.some((a) => a.mode !== 'loop' && (a.joinMode === 'wait_any' || a.joinMode === 'wait_n'));
  if (!waitAny) {
    const splits = new Map<string, string[]>();
    for (const a of arcs) if (a.mode === 'parallel') splits.set(a.from, [...(splits.get(a.from) ?? []), a.to]);
    for (const [split, targets] of splits) {
      if (targets.length < 2) continue;
      const branches = targets.map((t) => new Set([t, ...(reach.get(t) ?? [])]));
      const groups = new Map<number, string[]>();
      const rest: string[] = [];
      for (const arc of incoming) {
        const owners = branches.map((b, i) => (b.has(arc.from) || (arc.from === split && targets[i] === nodeId) ? i : -1)).filter((i) => i >= 0);
        if (arc.mode !== 'loop' && owners.length === 1) groups.set(owners[0], [...(groups.get(owners[0]) ?? []), arc.place]);
        else rest.push(arc.place);
      }
      if (groups.size >= 2) return { andGroups: [...groups.values()], alternatives: rest };
    }
  }
  return { andGroups: [], alternatives: incoming.map((a) => a.place) };
}
