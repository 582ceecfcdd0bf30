import type { PetriNet } from '../petri/petri-net.js';
import { escapeXml } from './escape-xml.js';

export interface WritePnmlOptions {
  /** The net's id and name (default `net1`). */
  id?: string;
  name?: string;
}

/**
 * Pure; writes an accepting Petri net as PNML (ISO/IEC 15909-2 P/T net, as PM4Py and ProM write
 * it): one `<page>` with places (initial marking as `<initialMarking>`), transitions named by their
 * label (silent ones by their name, with ProM's `toolspecific activity="$invisible$"`), arcs (weights
 * over 1 as `<inscription>`), and the final marking under `<finalmarkings>`. `readPnml` reads it back
 * to the same net.
 */
export function writePnml(net: PetriNet, options: WritePnmlOptions = {}): string {
  const placeId = (i: number) => net.places[i]!.name;
  const transitionId = (i: number) => net.transitions[i]!.name;
  const out: string[] = [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<pnml>',
    `  <net id="${escapeXml(options.id ?? 'net1')}" type="http://www.pnml.org/version-2009/grammar/pnmlcoremodel">`,
    `    <name>\n      <text>${escapeXml(options.name ?? options.id ?? 'net1')}</text>\n    </name>`,
    '    <page id="n0">',
  ];
  net.places.forEach((place, i) => {
    const tokens = net.initialMarking[i] ?? 0;
    out.push(`      <place id="${escapeXml(place.name)}">`, `        <name>\n          <text>${escapeXml(place.name)}</text>\n        </name>`);
    if (tokens > 0) out.push(`        <initialMarking>\n          <text>${tokens}</text>\n        </initialMarking>`);
    out.push('      </place>');
  });
  net.transitions.forEach((t, i) => {
    out.push(`      <transition id="${escapeXml(t.name)}">`, `        <name>\n          <text>${escapeXml(t.label ?? t.name)}</text>\n        </name>`);
    if (t.label === null) out.push(`        <toolspecific tool="ProM" version="6.4" activity="$invisible$" localNodeID="${i}"/>`);
    out.push('      </transition>');
  });
  net.arcs.forEach((arc, i) => {
    const [source, target] = arc.direction === 'placeToTransition'
      ? [placeId(arc.place), transitionId(arc.transition)]
      : [transitionId(arc.transition), placeId(arc.place)];
    const inscription = arc.weight === 1 ? '' : `\n        <inscription>\n          <text>${arc.weight}</text>\n        </inscription>\n      `;
    out.push(`      <arc id="a${i}" source="${escapeXml(source)}" target="${escapeXml(target)}">${inscription}</arc>`);
  });
  out.push('    </page>', '    <finalmarkings>', '      <marking>');
  net.finalMarking.forEach((tokens, i) => {
    if (tokens > 0) out.push(`        <place idref="${escapeXml(placeId(i))}">\n          <text>${tokens}</text>\n        </place>`);
  });
  out.push('      </marking>', '    </finalmarkings>', '  </net>', '</pnml>', '');
  return out.join('\n');
}
