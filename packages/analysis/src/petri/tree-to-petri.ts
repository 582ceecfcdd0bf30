import type { ProcessTree } from '../mining/process-tree.js';
import type { PetriNet } from './petri-net.js';
import { addArc, addPlace, addTransition, createNetBuilder, freezeNet, removeNode, type NetNode } from './net-builder.js';
import { reduceSimple } from './reduce-net.js';

interface Counts {
  places: number;
  hidden: number;
}

const children = (t: ProcessTree): ProcessTree[] => (t.kind === 'operator' ? t.children : []);
const op = (t: ProcessTree) => (t.kind === 'operator' ? t.operator : null);

function loopToFirst(t: ProcessTree): boolean {
  if (op(t) === 'loop') return true;
  const c = children(t);
  if (c.length) return op(c[0]) === 'loop' ? true : loopToFirst(c[0]);
  return false;
}

function loopToLast(t: ProcessTree): boolean {
  if (op(t) === 'loop') return true;
  const c = children(t);
  if (c.length) return op(c[c.length - 1]) === 'loop' ? true : loopToLast(c[c.length - 1]);
  return false;
}

function terminalLoop(t: ProcessTree): boolean {
  const c = children(t);
  if (c.length && op(c[c.length - 1])) return op(c[c.length - 1]) === 'loop' ? true : terminalLoop(c[c.length - 1]);
  return false;
}

function initialLoop(t: ProcessTree): boolean {
  const c = children(t);
  // PM4Py recurses with the terminal-loop check here; kept for identical nets.
  if (c.length && op(c[0])) return op(c[0]) === 'loop' ? true : terminalLoop(c[0]);
  return false;
}

const tauAtStart = (t: ProcessTree) => initialLoop(t) || loopToFirst(t) || op(t) === 'xor' || op(t) === 'parallel';
const tauAtEnd = (t: ProcessTree) => terminalLoop(t) || loopToLast(t) || op(t) === 'xor' || op(t) === 'parallel';

/**
 * Converts a process tree to an accepting Petri net exactly as PM4Py's `to_petri_net` variant does
 * (same places, silent transitions and simple reduction), so P/T counts and quality figures agree. Pure.
 */
export function treeToPetriNet(tree: ProcessTree): PetriNet {
  const net = createNetBuilder();
  const counts: Counts = { places: 0, hidden: 0 };
  const newPlace = () => addPlace(net, `p_${++counts.places}`);
  const newHidden = (kind: string) => addTransition(net, `${kind}_${++counts.hidden}`, null);
  const source = newPlace();
  source.name = 'source';
  const sink = newPlace();
  sink.name = 'sink';
  let initial = source;
  let final = sink;
  if (tauAtStart(tree)) {
    initial = newPlace();
    const t = newHidden('tau');
    addArc(net, source, t);
    addArc(net, t, initial);
  }
  if (tauAtEnd(tree)) {
    final = newPlace();
    const t = newHidden('tau');
    addArc(net, final, t);
    addArc(net, t, sink);
  }

  const add = (t: ProcessTree, initialEntity: NetNode, finalEntity: NetNode | null): NetNode => {
    let ip = initialEntity;
    if (initialEntity.kind === 'transition') {
      ip = newPlace();
      addArc(net, initialEntity, ip);
    }
    let fp: NetNode;
    if (finalEntity && finalEntity.kind === 'place') fp = finalEntity;
    else {
      fp = newPlace();
      if (finalEntity) addArc(net, fp, finalEntity);
    }
    if (t.kind === 'leaf') {
      const tr = t.label === null ? newHidden('skip') : addTransition(net, t.label, t.label);
      addArc(net, ip, tr);
      addArc(net, tr, fp);
      return fp;
    }
    switch (t.operator) {
      case 'xor':
        for (const c of t.children) add(c, ip, fp);
        break;
      case 'parallel': {
        const split = newHidden('tauSplit');
        addArc(net, ip, split);
        const join = newHidden('tauJoin');
        addArc(net, join, fp);
        for (const c of t.children) add(c, split, join);
        break;
      }
      case 'sequence': {
        let mid = ip;
        t.children.forEach((c, i) => {
          mid = add(c, mid, i === t.children.length - 1 ? fp : null);
        });
        break;
      }
      case 'loop': {
        const loopStart = newPlace();
        const init = newHidden('init_loop');
        addArc(net, ip, init);
        addArc(net, init, loopStart);
        const back = newHidden('loop');
        if (t.children.length === 1) {
          add(t.children[0], loopStart, fp);
          addArc(net, fp, back);
          addArc(net, back, loopStart);
        } else {
          const int1 = add(t.children[0], loopStart, null);
          let int2: NetNode | null = null;
          for (let i = 1; i < t.children.length; i++) int2 = add(t.children[i], int1, int2);
          add({ kind: 'leaf', label: null }, int1, fp);
          addArc(net, int2!, back);
          addArc(net, back, loopStart);
        }
        break;
      }
    }
    return fp;
  };
  add(tree, initial, final);
  reduceSimple(net);
  for (const p of [...net.places]) {
    if (p.outArcs.size === 0 && p !== sink) removeNode(net, p);
    if (p.inArcs.size === 0 && p !== source) removeNode(net, p);
  }
  return freezeNet(net, new Map([[source, 1]]), new Map([[sink, 1]]));
}

