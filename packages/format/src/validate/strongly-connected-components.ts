/**
 * Pure; Tarjan's strongly connected components over a graph in CSR form (node i's successors are
 * `list[start[i] .. start[i + 1])`). Iterative, so 5,000-node chains do not hit a recursion limit.
 * Returns each node's component number; components are numbered in reverse topological order
 * (a component gets a lower number than every component that reaches it), and their count.
 */
export function stronglyConnectedComponents(start: Int32Array, list: Int32Array): { componentOf: Int32Array; count: number } {
  const n = start.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callNext = new Int32Array(n);
  let stackTop = 0;
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let depth = 0;
    callNode[0] = root;
    callNext[0] = start[root]!;
    index[root] = low[root] = counter++;
    stack[stackTop++] = root;
    while (depth >= 0) {
      const v = callNode[depth]!;
      const next = callNext[depth]!;
      if (next < start[v + 1]!) {
        callNext[depth] = next + 1;
        const w = list[next]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[stackTop++] = w;
          depth++;
          callNode[depth] = w;
          callNext[depth] = start[w]!;
        } else if (componentOf[w] === -1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--stackTop]!;
          componentOf[w] = count;
        } while (w !== v);
        count++;
      }
      depth--;
      if (depth >= 0) {
        const parent = callNode[depth]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { componentOf, count };
}
