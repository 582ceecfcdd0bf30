import { SaxesParser } from 'saxes';
import { LogReadError } from '../log/log-read-error.js';
import type { PetriArc, PetriNet } from './petri-net.js';

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  text: string;
}

function parseXml(text: string): Node {
  const parser = new SaxesParser({ position: true });
  const root: Node = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: Node[] = [root];
  let failure: LogReadError | undefined;
  parser.on('opentag', (tag) => {
    const node: Node = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => (stack[stack.length - 1].text += t));
  parser.on('error', (e) => (failure ??= new LogReadError('PNML_MALFORMED', `PNML ${e.message}`, { line: parser.line, column: parser.column })));
  parser.write(text).close();
  if (failure) throw failure;
  return root;
}

const find = (n: Node, name: string): Node | undefined => n.children.find((c) => c.name === name);
const all = (n: Node, name: string, out: Node[] = []): Node[] => {
  for (const c of n.children) {
    if (c.name === name) out.push(c);
    all(c, name, out);
  }
  return out;
};
const textOf = (n: Node | undefined) => (n ? (find(n, 'text')?.text ?? '').trim() : '');

/**
 * Reads a PNML Petri net (ProM/PM4Py flavour): `$invisible$` tool-specific activities and unnamed
 * transitions are silent; the final marking comes from `<finalmarkings>` or, when absent, the places
 * without outgoing arcs. Pure (text in).
 */
export function readPnml(text: string): PetriNet {
  const root = parseXml(text);
  const netNode = all(root, 'net')[0];
  if (!netNode) throw new LogReadError('PNML_MALFORMED', 'PNML has no <net> element');
  const placeNodes = all(netNode, 'place').filter((p) => p.attrs.id !== undefined);
  const transNodes = all(netNode, 'transition');
  const pIndex = new Map(placeNodes.map((p, i) => [p.attrs.id, i]));
  const tIndex = new Map(transNodes.map((t, i) => [t.attrs.id, i]));
  const transitions = transNodes.map((t) => {
    const tool = find(t, 'toolspecific');
    const name = textOf(find(t, 'name'));
    const invisible = tool?.attrs.activity === '$invisible$' || name === '';
    return { name: t.attrs.id, label: invisible ? null : name };
  });
  const arcs: PetriArc[] = all(netNode, 'arc').map((a) => {
    const weight = Number(textOf(find(a, 'inscription')) || '1') || 1;
    const { source, target } = a.attrs;
    if (pIndex.has(source) && tIndex.has(target)) return { direction: 'placeToTransition', place: pIndex.get(source)!, transition: tIndex.get(target)!, weight };
    if (tIndex.has(source) && pIndex.has(target)) return { direction: 'transitionToPlace', place: pIndex.get(target)!, transition: tIndex.get(source)!, weight };
    throw new LogReadError('PNML_MALFORMED', `PNML arc ${a.attrs.id ?? '?'} does not connect a place and a transition (${source} → ${target})`);
  });
  const initialMarking = placeNodes.map((p) => Number(textOf(find(p, 'initialMarking'))) || 0);
  let finalMarking = placeNodes.map(() => 0);
  const finals = all(netNode, 'finalmarkings')[0];
  const marking = finals ? all(finals, 'marking')[0] : undefined;
  if (marking) {
    for (const p of all(marking, 'place')) {
      const i = pIndex.get(p.attrs.idref);
      if (i !== undefined) finalMarking[i] = Number(textOf(p)) || 0;
    }
  } else {
    const hasOut = new Set(arcs.filter((a) => a.direction === 'placeToTransition').map((a) => a.place));
    finalMarking = placeNodes.map((_, i) => (hasOut.has(i) ? 0 : 1));
  }
  return { places: placeNodes.map((p) => ({ name: p.attrs.id })), transitions, arcs, initialMarking, finalMarking };
}
