import type { CompiledNet } from '../petri/petri-net.js';

/**
 * Shortest chains of silent transitions between places (PM4Py's places_shortest_path_by_hidden):
 * paths[p1].get(p2) = silent transitions leading a token from p1 to p2, at most `maxDepth` long.
 */
export type HiddenPaths = ReadonlyArray<ReadonlyMap<number, readonly number[]>>;

export function hiddenPaths(cnet: CompiledNet, maxDepth = 50): HiddenPaths {
  const { consumers, post, silent } = cnet;
  return cnet.net.places.map((_, from) => {
    const out = new Map<number, number[]>();
    let frontier: Array<{ place: number; path: number[] }> = [{ place: from, path: [] }];
    for (let depth = 0; depth <= maxDepth && frontier.length > 0; depth++) {
      const next: Array<{ place: number; path: number[] }> = [];
      for (const { place, path } of frontier) {
        for (const t of consumers[place]) {
          if (!silent[t]) continue;
          for (const [q] of post[t]) {
            if (out.has(q)) continue;
            const p2 = [...path, t];
            out.set(q, p2);
            next.push({ place: q, path: p2 });
          }
        }
      }
      frontier = next;
    }
    return out;
  });
}
