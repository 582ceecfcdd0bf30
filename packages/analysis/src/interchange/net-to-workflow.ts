import { DEFAULT_AUTH_LEVELS, type EdgeMode, type JoinMode, type Workflow, type WorkflowEdge, type WorkflowNode } from '@sopflow/format';
import type { PetriNet } from '../petri/petri-net.js';
import type { Converted, InterchangeLoss } from './interchange-loss.js';

export interface NetToWorkflowOptions {
  id: string;
  name: string;
  /** Upper bound written on loop edges (a net has no exit condition). Default 10. */
  maxIterations?: number;
}

/**
 * Pure; an accepting Petri net as a draft workflow. Each visible transition is a step named by its
 * label; each silent transition a `gateway` step. A place with one producer and one consumer is an
 * edge; any other place is a `gateway` (exclusive: `weighted` branches out, `wait_any` in). A
 * transition with several output places fans out with `parallel` edges, one with several input
 * places joins with `wait_all`. Back edges become bounded `loop` edges. Arc weights, several
 * tokens and unreachable transitions are listed as losses.
 */
export function netToWorkflow(net: PetriNet, options: NetToWorkflowOptions): Converted<Workflow> {
  const losses: InterchangeLoss[] = [];
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const used = new Set<string>();
  const addNode = (base: string, name: string, type: 'human' | 'gateway', purpose: string): string => {
    const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'step';
    let id = slug;
    for (let i = 2; used.has(id); i++) id = `${slug}_${i}`;
    used.add(id);
    nodes.push({ id, type, kind: type === 'gateway' ? 'decision' : 'action_digital', name, purpose, inputs: [], outputs: [], failureModes: [], path: [], extra: {} });
    return id;
  };
  const addEdge = (from: string, to: string, mode: EdgeMode, joinMode?: JoinMode): void => {
    const edge: WorkflowEdge = { from, to, mode, origin: 'edges', path: [], extra: {} };
    if (mode === 'weighted') edge.weight = 1;
    if (joinMode) edge.joinMode = joinMode;
    edges.push(edge);
  };

  const stepOf = net.transitions.map((t) => t.label === null
    ? addNode(`tau_${t.name}`, 'tau', 'gateway', `Silent transition ${t.name} of the imported net (routing only).`)
    : addNode(t.label, t.label, 'human', `Activity "${t.label}" of the imported net.`));
  const producers = net.places.map(() => [] as number[]);
  const consumers = net.places.map(() => [] as number[]);
  const outPlaces = net.transitions.map(() => 0);
  const inPlaces = net.transitions.map(() => 0);
  for (const arc of net.arcs) {
    if (arc.weight !== 1) losses.push({ code: 'arc-weight', element: `${net.places[arc.place]!.name} / ${net.transitions[arc.transition]!.name}`, message: `arc weight ${arc.weight} is read as 1 (workflows move one token per edge)` });
    if (arc.direction === 'placeToTransition') { consumers[arc.place]!.push(arc.transition); inPlaces[arc.transition]! += 1; }
    else { producers[arc.place]!.push(arc.transition); outPlaces[arc.transition]! += 1; }
  }
  const modeFrom = (t: number): EdgeMode => (outPlaces[t]! > 1 ? 'parallel' : 'sequential');
  const joinInto = (t: number): JoinMode | undefined => (inPlaces[t]! > 1 ? 'wait_all' : undefined);

  const entries: string[] = [];
  net.places.forEach((place, p) => {
    const tokens = net.initialMarking[p] ?? 0;
    if (tokens > 1 || (net.finalMarking[p] ?? 0) > 1) losses.push({ code: 'tokens', element: place.name, message: 'more than one token in a marking is read as one' });
    const ins = producers[p]!;
    const outs = consumers[p]!;
    if (tokens === 0 && ins.length === 1 && outs.length === 1) {
      addEdge(stepOf[ins[0]!]!, stepOf[outs[0]!]!, modeFrom(ins[0]!), joinInto(outs[0]!));
      return;
    }
    if (tokens > 0 && ins.length === 0 && outs.length === 1) {
      entries.push(stepOf[outs[0]!]!);
      return;
    }
    if (ins.length === 0 && outs.length === 0) return;
    const gateway = addNode(`p_${place.name}`, place.name, 'gateway', `Place ${place.name} of the imported net: one of the following happens.`);
    if (tokens > 0) entries.push(gateway);
    for (const t of ins) addEdge(stepOf[t]!, gateway, modeFrom(t), ins.length + (tokens > 0 ? 1 : 0) > 1 ? 'wait_any' : undefined);
    for (const t of outs) addEdge(gateway, stepOf[t]!, outs.length > 1 ? 'weighted' : 'sequential', joinInto(t));
  });
  let entryPoint = entries[0];
  if (entries.length > 1) {
    entryPoint = addNode('start', 'start', 'gateway', 'Start of the imported net: every initially marked place gets a token.');
    for (const e of entries) addEdge(entryPoint, e, 'parallel');
  }
  markBackEdges(entryPoint, edges, options.maxIterations ?? 10);
  const reached = reachable(entryPoint, edges);
  for (const node of nodes) if (!reached.has(node.id)) losses.push({ code: 'unreachable', element: node.id, message: `"${node.name}" cannot be reached from the initial marking` });

  const workflow: Workflow = {
    style: 'edge-list', osopVersion: '1.1', id: options.id, name: options.name,
    description: 'Imported from a Petri net (PNML); review before use.',
    version: '0.1.0', status: 'draft', tags: ['imported', 'pnml'], roles: [], nodes, edges,
    exitConditions: [], escalationPaths: [], failureModes: [], auditRequirements: [], triggers: [], jurisdiction: [],
    lifecycle: 'draft', authLevels: [...DEFAULT_AUTH_LEVELS], inputs: [], extra: {},
  };
  if (entryPoint !== undefined) workflow.entryPoint = entryPoint;
  return { value: workflow, losses };
}

/** Depth-first from the entry: an edge back to a node on the current path becomes a bounded loop. */
function markBackEdges(entry: string | undefined, edges: WorkflowEdge[], maxIterations: number): void {
  if (entry === undefined) return;
  const out = new Map<string, WorkflowEdge[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const stack: { node: string; next: number }[] = [{ node: entry, next: 0 }];
  state.set(entry, 'open');
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const edge = (out.get(top.node) ?? [])[top.next++];
    if (!edge) { state.set(top.node, 'done'); stack.pop(); continue; }
    const seen = state.get(edge.to);
    if (seen === 'open') {
      Object.assign(edge, { mode: 'loop', when: 'true', maxIterations, label: 'repeat (condition not in the net; set it)' });
      delete edge.weight;
    } else if (seen === undefined) {
      state.set(edge.to, 'open');
      stack.push({ node: edge.to, next: 0 });
    }
  }
}

function reachable(entry: string | undefined, edges: readonly WorkflowEdge[]): Set<string> {
  const seen = new Set<string>(entry === undefined ? [] : [entry]);
  const queue = [...seen];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const e of edges) if (e.from === node && !seen.has(e.to)) { seen.add(e.to); queue.push(e.to); }
  }
  return seen;
}
