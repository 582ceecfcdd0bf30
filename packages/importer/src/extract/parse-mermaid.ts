/** A flowchart read from mermaid text: nodes in order of first appearance, and labelled edges. */
export interface Flowchart {
  nodes: { id: string; text: string; shape: 'box' | 'decision' | 'round' | 'terminal' }[];
  edges: { from: string; to: string; label?: string }[];
}

const NODE = /([A-Za-z_][\w.-]*)\s*(\(\[[^\]]*\]\)|\(\([^)]*\)\)|\[\[[^\]]*\]\]|\[\([^)]*\)\]|\{\{[^}]*\}\}|\{[^}]*\}|\[[^\]]*\]|\([^)]*\)|>[^\]]*\])?/y;
const ARROW = /\s*(?:(-->|---|-\.->|-\.-|==>|===|--[ox]|<-->)\s*(?:\|([^|]*)\|)?|--\s*([^->]+?)\s*-->|==\s*([^=>]+?)\s*==>|-\.\s*([^.]+?)\s*\.->)\s*/y;

/**
 * Pure; parses `graph`/`flowchart` mermaid (node shapes, `A --> B`, `A -->|label| B`,
 * `A -- label --> B`, chains `A --> B --> C`, `;` separators). Returns undefined for other diagrams.
 */
export function parseMermaid(source: string): Flowchart | undefined {
  const lines = source.split(/\n|;/).map((l) => l.trim()).filter((l) => l && !l.startsWith('%%'));
  if (!/^(graph|flowchart)\b/i.test(lines[0] ?? '')) return undefined;
  const chart: Flowchart = { nodes: [], edges: [] };
  const seen = new Map<string, Flowchart['nodes'][number]>();
  const node = (id: string, raw: string | undefined) => {
    let entry = seen.get(id);
    if (!entry) {
      entry = { id, text: id, shape: 'box' };
      seen.set(id, entry);
      chart.nodes.push(entry);
    }
    if (raw) {
      entry.text = clean(raw.replace(/^[[({>]+|[\])}]+$/g, ''));
      entry.shape = raw.startsWith('{') ? 'decision' : raw.startsWith('([') || raw.startsWith('((') ? 'terminal' : raw.startsWith('(') ? 'round' : 'box';
    }
  };
  for (const line of lines.slice(1)) {
    if (/^(classDef|class|style|linkStyle|click|subgraph|end|direction)\b/.test(line)) continue;
    let pos = 0;
    let prev: string | undefined;
    let pending: string | undefined;
    while (pos < line.length) {
      NODE.lastIndex = pos;
      const m = NODE.exec(line);
      if (!m) break;
      node(m[1], m[2]);
      if (prev !== undefined) chart.edges.push({ from: prev, to: m[1], ...(pending ? { label: pending } : {}) });
      prev = m[1];
      pos = NODE.lastIndex;
      ARROW.lastIndex = pos;
      const a = ARROW.exec(line);
      if (!a) break;
      const label = a[2] ?? a[3] ?? a[4] ?? a[5];
      pending = label ? clean(label) : undefined;
      pos = ARROW.lastIndex;
    }
  }
  return chart.nodes.length > 0 ? chart : undefined;
}

function clean(text: string): string {
  return text.replace(/<br\s*\/?>/gi, ' ').replace(/\*\*|__|"/g, '').replace(/\s+/g, ' ').trim();
}
