import { isFailurePath, type Workflow } from '@sopflow/format';
import { foldTree, type ProcessTree } from '../mining/process-tree.js';
import type { InterchangeLoss } from './interchange-loss.js';

interface Arc { from: string; to: string; split: 'and' | 'xor'; frag: ProcessTree }

const TAU: ProcessTree = { kind: 'leaf', label: null };
const START = '#start';
const END = '#end';

/** The tree, or why the workflow has none (it is not block-structured), with what was left out. */
export type WorkflowTree = { tree: ProcessTree; losses: InterchangeLoss[] } | { error: string; losses: InterchangeLoss[] };

/**
 * Pure; a block-structured workflow as a process tree, by series-parallel reduction of its control
 * graph: a step with one way in and one way out joins a sequence; edges between the same two steps
 * merge into `parallel` (a `parallel` fan-out) or `xor` (any other); a step and its single
 * successor that leads back to it form a `loop`. Activities are labelled with the step id (as
 * `workflowToPetriNet` does); gateways are tau. Failure paths (error, timeout, fallback,
 * compensation) have no tree operator and are listed as losses. A graph the rules cannot reduce
 * (e.g. crossing parallel branches) gives `error` naming where it stuck.
 */
export function workflowToTree(workflow: Workflow): WorkflowTree {
  const losses: InterchangeLoss[] = [];
  const frag = new Map<string, ProcessTree>();
  for (const node of workflow.nodes) frag.set(node.id, node.type === 'gateway' ? TAU : { kind: 'leaf', label: node.id });
  let arcs: Arc[] = [];
  for (const edge of workflow.edges) {
    if (isFailurePath(edge.mode)) {
      losses.push({ code: 'failure-path', element: `${edge.from} → ${edge.to}`, message: `${edge.mode} edge has no process-tree operator; left out` });
      continue;
    }
    const siblings = workflow.edges.filter((e) => e.from === edge.from && !isFailurePath(e.mode));
    arcs.push({ from: edge.from, to: edge.to, split: siblings.length > 1 && siblings.every((e) => e.mode === 'parallel') ? 'and' : 'xor', frag: TAU });
  }
  if (workflow.entryPoint === undefined) return { error: 'the workflow has no entry point', losses };
  arcs.push({ from: START, to: workflow.entryPoint, split: 'xor', frag: TAU });
  for (const node of workflow.nodes) if (!arcs.some((a) => a.from === node.id)) arcs.push({ from: node.id, to: END, split: 'xor', frag: TAU });
  frag.set(START, TAU).set(END, TAU);

  for (let changed = true; changed;) {
    changed = false;
    const merged = mergeParallelArcs(arcs);
    if (merged) { arcs = merged; changed = true; continue; }
    for (const id of frag.keys()) {
      if (id === START || id === END) continue;
      const ins = arcs.filter((a) => a.to === id);
      const outs = arcs.filter((a) => a.from === id);
      const self = outs.find((a) => a.to === id);
      if (self) {
        frag.set(id, { kind: 'operator', operator: 'loop', children: [frag.get(id)!, self.frag] });
        arcs = arcs.filter((a) => a !== self);
      } else if (ins.length === 0 && outs.length === 0) {
        frag.delete(id);
        losses.push({ code: 'unreachable', element: id, message: `step "${id}" is reached only through failure paths; left out` });
      } else if (ins.length === 1 && outs.length === 1 && ins[0]!.from !== id) {
        arcs = arcs.filter((a) => a !== ins[0] && a !== outs[0]);
        arcs.push({ from: ins[0]!.from, to: outs[0]!.to, split: ins[0]!.split, frag: seq(ins[0]!.frag, frag.get(id)!, outs[0]!.frag) });
        frag.delete(id);
      } else if (!foldLoop(id, arcs, frag)) continue;
      changed = true;
      break;
    }
  }
  const rest = arcs.filter((a) => a.from !== START || a.to !== END);
  if (arcs.length !== 1 || rest.length > 0) {
    const stuck = [...frag.keys()].filter((id) => id !== START && id !== END);
    return { error: `the workflow is not block-structured (no process tree): stuck at ${stuck.slice(0, 5).join(', ')}`, losses };
  }
  return { tree: foldTree(arcs[0]!.frag), losses };
}

/** Arcs with the same ends and split merge into one: `parallel` for an AND split, `xor` else. */
function mergeParallelArcs(arcs: Arc[]): Arc[] | undefined {
  const groups = new Map<string, Arc[]>();
  for (const a of arcs) {
    const key = `${a.from}\u0000${a.to}\u0000${a.split}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const group = [...groups.values()].find((g) => g.length > 1);
  if (!group) return undefined;
  const first = group[0]!;
  const combined: ProcessTree = { kind: 'operator', operator: first.split === 'and' ? 'parallel' : 'xor', children: group.map((a) => a.frag) };
  return [...arcs.filter((a) => !group.includes(a)), { ...first, frag: combined }];
}

/** `a` whose only way out leads to `b`, whose only way in is from `a`, and `b → a`: a loop (do a…b, redo the back edge). */
function foldLoop(a: string, arcs: Arc[], frag: Map<string, ProcessTree>): boolean {
  const outs = arcs.filter((x) => x.from === a);
  if (outs.length !== 1) return false;
  const forward = outs[0]!;
  const b = forward.to;
  if (b === a || b === END || !frag.has(b)) return false;
  if (arcs.filter((x) => x.to === b).length !== 1) return false;
  const back = arcs.find((x) => x.from === b && x.to === a);
  if (!back) return false;
  frag.set(a, { kind: 'operator', operator: 'loop', children: [seq(frag.get(a)!, forward.frag, frag.get(b)!), back.frag] });
  frag.delete(b);
  const kept = arcs.filter((x) => x !== forward && x !== back);
  arcs.length = 0;
  arcs.push(...kept.map((x) => (x.from === b ? { ...x, from: a } : x)));
  return true;
}

function seq(...parts: ProcessTree[]): ProcessTree {
  return { kind: 'operator', operator: 'sequence', children: parts };
}
