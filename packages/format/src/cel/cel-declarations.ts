import { isControlEdge } from '../rules/edge-mode-traits.js';
import type { IoSpec, Workflow } from '../model/workflow.js';
import { CEL_VARIABLES, RESERVED_CEL_NAMES, celTypeOf, isCelIdentifier } from './cel-variables.js';

/** What a step exposes under `steps.<id>`; `outputs` undefined = the node declares none (any key allowed). */
export interface CelStepDeclaration {
  outputs?: Readonly<Record<string, string>>;
}

/**
 * Typed names visible to a workflow's CEL expressions (see README-conventions.md).
 * `inputs`/`vars` undefined = nothing declared, so any key is allowed.
 */
export interface CelDeclarations {
  inputs?: Readonly<Record<string, string>>;
  vars?: Readonly<Record<string, string>>;
  steps: ReadonlyMap<string, CelStepDeclaration>;
  /** OSOP compatibility: bare output and input names. */
  bare: ReadonlyMap<string, string>;
  /** `item` plus every loop edge's `iterator_var`. */
  iterators: readonly string[];
}

/**
 * Pure; the declarations for `workflow`. With `upToNode`, only steps that can have run before an
 * edge leaving `upToNode` are visible (its ancestors over control edges, and itself).
 */
export function celDeclarationsFor(workflow: Workflow, upToNode?: string): CelDeclarations {
  const visible = upToNode === undefined ? undefined : ancestorsOf(workflow, upToNode);
  const steps = new Map<string, CelStepDeclaration>();
  const bareTypes = new Map<string, string[]>();
  const addBare = (spec: IoSpec): void => {
    if (!isCelIdentifier(spec.name) || RESERVED_CEL_NAMES.has(spec.name)) return;
    const list = bareTypes.get(spec.name) ?? [];
    list.push(celTypeOf(spec.type));
    bareTypes.set(spec.name, list);
  };
  for (const node of workflow.nodes) {
    if (visible !== undefined && !visible.has(node.id)) continue;
    steps.set(node.id, node.outputs.length > 0 ? { outputs: ioTypes(node.outputs) } : {});
    node.outputs.forEach(addBare);
  }
  workflow.inputs.forEach(addBare);
  const bare = new Map<string, string>();
  for (const [name, types] of bareTypes) bare.set(name, types.every((t) => t === types[0]) ? types[0]! : 'dyn');

  const iterators = new Set<string>([CEL_VARIABLES.item]);
  for (const edge of workflow.edges) {
    if (edge.iteratorVar !== undefined && isCelIdentifier(edge.iteratorVar)) iterators.add(edge.iteratorVar);
  }
  const vars = workflow.variables === undefined
    ? undefined
    : Object.fromEntries(Object.keys(workflow.variables).map((k) => [k, 'dyn']));
  return {
    inputs: workflow.inputs.length > 0 ? ioTypes(workflow.inputs) : undefined,
    vars,
    steps,
    bare,
    iterators: [...iterators],
  };
}

function ioTypes(specs: readonly IoSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    // Object.defineProperty: a name such as `__proto__` must become a key, not a prototype.
    Object.defineProperty(out, spec.name, { value: celTypeOf(spec.type), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Reverse BFS over control edges: every node that can run before `target`, and `target` itself. */
function ancestorsOf(workflow: Workflow, target: string): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const edge of workflow.edges) {
    if (!isControlEdge(edge.mode)) continue;
    const list = incoming.get(edge.to);
    if (list === undefined) incoming.set(edge.to, [edge.from]);
    else list.push(edge.from);
  }
  const seen = new Set<string>([target]);
  const queue = [target];
  for (let i = 0; i < queue.length; i++) {
    for (const from of incoming.get(queue[i]!) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}
