import type { Workflow } from '../model/workflow.js';
import { stronglyConnectedComponents } from './strongly-connected-components.js';
import { workflowGraph } from './workflow-graph.js';

/** Strongly connected components of a workflow's control graph. */
export interface WorkflowComponents {
  /** Node id → component number; X can reach Y only if number(X) ≥ number(Y). */
  componentOf: ReadonlyMap<string, number>;
  /** Members of every component that is a cycle (several nodes, or one node with a self-loop), in document order. */
  cycles: readonly (readonly string[])[];
}

const cache = new WeakMap<Workflow, WorkflowComponents>();

/** Pure; Tarjan over `workflowGraph(workflow)`, computed once per workflow object. */
export function workflowComponents(workflow: Workflow): WorkflowComponents {
  const cached = cache.get(workflow);
  if (cached !== undefined) return cached;
  const graph = workflowGraph(workflow);
  const { componentOf: numbers, count } = stronglyConnectedComponents(graph.successorStart, graph.successorList);
  const size = new Int32Array(count);
  for (let i = 0; i < numbers.length; i++) size[numbers[i]!]!++;
  const cyclic = new Uint8Array(count);
  for (let i = 0; i < numbers.length; i++) {
    const c = numbers[i]!;
    if (size[c]! > 1) cyclic[c] = 1;
    else for (let k = graph.successorStart[i]!; k < graph.successorStart[i + 1]!; k++) if (graph.successorList[k] === i) cyclic[c] = 1;
  }
  const componentOf = new Map<string, number>();
  const members = new Map<number, string[]>();
  graph.ids.forEach((id, i) => {
    const c = numbers[i]!;
    componentOf.set(id, c);
    if (cyclic[c] === 1) {
      const list = members.get(c);
      if (list === undefined) members.set(c, [id]);
      else list.push(id);
    }
  });
  const result = { componentOf, cycles: [...members.values()] };
  cache.set(workflow, result);
  return result;
}
