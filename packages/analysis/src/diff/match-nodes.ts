import type { WorkflowNode } from '@sopflow/format';

export interface NodeMatch {
  a: WorkflowNode;
  b: WorkflowNode;
  by: 'id' | 'similarity';
  /** 1 for an id match; the similarity (0..1) otherwise. */
  score: number;
}

export interface NodeMatching {
  matched: NodeMatch[];
  removed: WorkflowNode[];
  added: WorkflowNode[];
}

/** Below this similarity two differently-named nodes are an addition and a removal, not a rename. */
export const RENAME_THRESHOLD = 0.6;

/**
 * Pure; pairs the nodes of two versions: first by id, then the rest greedily by similarity
 * (name and id words, edit distance, same type, same kind, same role) when at least RENAME_THRESHOLD.
 */
export function matchNodes(aNodes: readonly WorkflowNode[], bNodes: readonly WorkflowNode[]): NodeMatching {
  const bById = new Map(bNodes.map((n) => [n.id, n]));
  const matched: NodeMatch[] = [];
  const restA: WorkflowNode[] = [];
  const usedB = new Set<string>();
  for (const a of aNodes) {
    const b = bById.get(a.id);
    if (b !== undefined) {
      matched.push({ a, b, by: 'id', score: 1 });
      usedB.add(b.id);
    } else {
      restA.push(a);
    }
  }
  const restB = bNodes.filter((n) => !usedB.has(n.id));
  const candidates: { a: WorkflowNode; b: WorkflowNode; score: number }[] = [];
  for (const a of restA) for (const b of restB) {
    const score = nodeSimilarity(a, b);
    if (score >= RENAME_THRESHOLD) candidates.push({ a, b, score });
  }
  candidates.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id));
  const takenA = new Set<string>();
  for (const c of candidates) {
    if (takenA.has(c.a.id) || usedB.has(c.b.id)) continue;
    takenA.add(c.a.id);
    usedB.add(c.b.id);
    matched.push({ a: c.a, b: c.b, by: 'similarity', score: Math.round(c.score * 100) / 100 });
  }
  return {
    matched,
    removed: aNodes.filter((n) => !bById.has(n.id) && !takenA.has(n.id)),
    added: bNodes.filter((n) => !usedB.has(n.id)),
  };
}

/** Pure; 0..1 likeness of two nodes for rename detection. */
export function nodeSimilarity(a: WorkflowNode, b: WorkflowNode): number {
  const text = Math.max(
    jaccard(words(`${a.name} ${a.id}`), words(`${b.name} ${b.id}`)),
    editRatio(a.name.toLowerCase(), b.name.toLowerCase()),
    editRatio(a.id.toLowerCase(), b.id.toLowerCase()),
  );
  const same = (x: unknown, y: unknown): number => (x !== undefined && x === y ? 1 : 0);
  return 0.7 * text + 0.15 * same(a.type, b.type) + 0.1 * same(a.kind, b.kind) + 0.05 * same(a.role ?? '', b.role ?? '');
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/([a-z])([A-Z])/g, '$1 $2').split(/[^a-z0-9]+/).filter((w) => w.length > 1));
}

function jaccard(x: Set<string>, y: Set<string>): number {
  if (x.size === 0 && y.size === 0) return 0;
  let both = 0;
  for (const w of x) if (y.has(w)) both += 1;
  return both / (x.size + y.size - both);
}

function editRatio(x: string, y: string): number {
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length > 200 || y.length > 200) return x === y ? 1 : 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return 1 - prev[y.length] / Math.max(x.length, y.length);
}
