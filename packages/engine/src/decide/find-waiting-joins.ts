import { edgeModeTraits } from '@sopflow/format';
import type { WorkflowEdge } from '@sopflow/format';

/**
 * Pure; the nodes that wait for several incoming branches (an AND-join): a node with an explicit
 * `join_mode` on an incoming edge, or one whose sources lie on two or more different branches of
 * one fan-out (a step with several edges it takes together). Every other node with several
 * incoming edges is an XOR-merge: it fires on each arrival, so a cycle closed by a plain
 * conditional edge never waits for its own back edge.
 *
 * A source lies on branch `t` of split `p` when it is reachable from `t` without passing through
 * `p` and not reachable from the split's other branches.
 */
export function findWaitingJoins(outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>, incoming: ReadonlyMap<string, readonly WorkflowEdge[]>): Set<string> {
  const joins = new Set<string>();
  const forward = new Map<string, string[]>();
  for (const edges of incoming.values()) {
    for (const edge of edges) forward.set(edge.from, [...(forward.get(edge.from) ?? []), edge.to]);
  }
  const splits: { branches: Set<string>[] }[] = [];
  for (const [from, edges] of outgoing) {
    const fanned = [...new Set(edges.filter((e) => takenTogether(e) && isForward(e, incoming)).map((e) => e.to))];
    if (fanned.length < 2) continue;
    splits.push({ branches: fanned.map((t) => reachable(t, from, forward)) });
  }
  for (const [target, edges] of incoming) {
    if (edges.some((e) => e.joinMode !== undefined)) {
      joins.add(target);
      continue;
    }
    const sources = [...new Set(edges.map((e) => e.from))];
    if (sources.length < 2) continue;
    for (const { branches } of splits) {
      const onOwnBranch = branches.filter((branch, i) => sources.some((s) => branch.has(s) && branches.every((other, j) => j === i || !other.has(s))));
      if (onOwnBranch.length >= 2) {
        joins.add(target);
        break;
      }
    }
  }
  return joins;
}

/** Edges a step takes all together: fan-out modes (a `when` on them is a guard), and sequential ones without `when`. */
function takenTogether(edge: WorkflowEdge): boolean {
  return edgeModeTraits(edge.mode).fanOut || (edge.mode === 'sequential' && edge.when === undefined);
}

function isForward(edge: WorkflowEdge, incoming: ReadonlyMap<string, readonly WorkflowEdge[]>): boolean {
  return (incoming.get(edge.to) ?? []).includes(edge);
}

/** Nodes reachable from `start` along forward edges without entering `stop`. */
function reachable(start: string, stop: string, forward: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const next of forward.get(queue.pop()!) ?? []) {
      if (next === stop || seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}
