import { formatMs } from '../diff/report-blocks.js';
import type { DfgEdge } from '../mining/dfg.js';
import type { DfgView } from './dfg-view.js';

/** An arc's label: its count (`frequency`), or its median and mean time between the two events (`performance`). */
export function dfgArcLabel(view: DfgView, edge: DfgEdge): string {
  if (view.measure === 'frequency') return String(edge.count);
  if (Number.isNaN(edge.medianMs)) return 'no timestamps';
  return `median ${formatMs(edge.medianMs)}, mean ${formatMs(edge.meanMs)}`;
}

/** The view as a Mermaid flowchart (left to right; ● start, ■ end; arcs labelled as `dfgArcLabel`). Pure. */
export function renderDfgMermaid(view: DfgView): string {
  const id = nodeIds(view);
  const text = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;
  const lines = ['flowchart LR', '  start(("●"))', '  end_(("■"))'];
  for (const a of view.activities) lines.push(`  ${id(a.name)}[${text(`${a.name} (${a.count})`)}]`);
  const frequency = view.measure === 'frequency';
  for (const s of view.startActivities) lines.push(`  start -->${frequency ? `|${s.count}|` : ''} ${id(s.name)}`);
  for (const e of view.edges) lines.push(`  ${id(e.from)} -->|${text(dfgArcLabel(view, e))}| ${id(e.to)}`);
  for (const s of view.endActivities) lines.push(`  ${id(s.name)} -->${frequency ? `|${s.count}|` : ''} end_`);
  return `${lines.join('\n')}\n`;
}

/** The view as Graphviz DOT (arcs thicker the more often they are taken). Pure. */
export function renderDfgDot(view: DfgView): string {
  const id = nodeIds(view);
  const text = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const max = Math.max(1, ...view.edges.map((e) => e.count));
  const width = (count: number) => (1 + (4 * count) / max).toFixed(2);
  const frequency = view.measure === 'frequency';
  const lines = [
    'digraph dfg {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  start [shape=circle, label="", style=filled, fillcolor="#32a852", width=0.3];',
    '  end_ [shape=doublecircle, label="", style=filled, fillcolor="#d94343", width=0.3];',
  ];
  for (const a of view.activities) lines.push(`  ${id(a.name)} [label=${text(`${a.name} (${a.count})`)}];`);
  for (const s of view.startActivities) lines.push(`  start -> ${id(s.name)} [label=${text(frequency ? String(s.count) : '')}, style=dashed];`);
  for (const e of view.edges) lines.push(`  ${id(e.from)} -> ${id(e.to)} [label=${text(dfgArcLabel(view, e))}, penwidth=${width(e.count)}];`);
  for (const s of view.endActivities) lines.push(`  ${id(s.name)} -> end_ [label=${text(frequency ? String(s.count) : '')}, style=dashed];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Node ids `a0`, `a1`, … in the view's activity order (names may hold any character). */
function nodeIds(view: DfgView): (name: string) => string {
  const ids = new Map(view.activities.map((a, i) => [a.name, `a${i}`]));
  return (name) => ids.get(name) ?? 'unknown';
}
