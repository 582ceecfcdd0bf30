import type { EdgeMode } from '../model/edge-mode.js';
import type { WorkflowEdge } from '../model/workflow.js';

/** One way an edge can lead: where to, and a short label saying when. */
export interface EdgeBranch {
  from: string;
  to: string;
  mode: EdgeMode;
  /** Short, plain text; undefined for a plain sequential edge. */
  label?: string;
  edge: WorkflowEdge;
}

/**
 * Pure; the branches of an edge: one per switch case (plus the default) for a switch, else one.
 * The label prefers the author's `label`, then a description of the mode and its condition.
 */
export function edgeBranches(edge: WorkflowEdge): EdgeBranch[] {
  if (edge.mode === 'switch' && ((edge.cases?.length ?? 0) > 0 || edge.defaultTo !== undefined)) {
    const on = edge.when === undefined ? '' : `${edge.when} = `;
    const branches: EdgeBranch[] = (edge.cases ?? []).map((c) => ({ from: edge.from, to: c.to, mode: edge.mode, label: `${on}${formatValue(c.value)}`, edge }));
    if (edge.defaultTo !== undefined) branches.push({ from: edge.from, to: edge.defaultTo, mode: edge.mode, label: 'otherwise', edge });
    return branches;
  }
  const label = edge.label ?? describeMode(edge);
  return [{ from: edge.from, to: edge.to, mode: edge.mode, ...(label === undefined ? {} : { label }), edge }];
}

/** Pure; what an edge's mode means for this edge, in a few words; undefined for plain sequence. */
export function describeMode(edge: WorkflowEdge): string | undefined {
  switch (edge.mode) {
    case 'sequential':
      return edge.when === undefined ? undefined : `if ${edge.when}`;
    case 'conditional':
      return edge.when === undefined ? 'conditional' : `if ${edge.when}`;
    case 'parallel':
      return edge.joinMode === undefined ? 'in parallel' : `in parallel, join ${joinText(edge)}`;
    case 'fallback':
      return 'if it fails (fallback)';
    case 'loop': {
      const bound = edge.maxIterations === undefined ? '' : `, at most ${edge.maxIterations}×`;
      if (edge.forEach !== undefined) return `for each ${edge.iteratorVar ?? 'item'} in ${edge.forEach}${bound}`;
      return `repeat${edge.when === undefined ? '' : ` while ${edge.when}`}${bound}`;
    }
    case 'event':
      return `on event ${edge.event ?? edge.when ?? ''}`.trim();
    case 'error':
      return (edge.errorCodes?.length ?? 0) > 0 ? `on error ${edge.errorCodes!.join(', ')}` : 'on error';
    case 'timeout':
      return 'on timeout';
    case 'spawn':
      return edge.spawnCount === undefined ? 'spawns' : `spawns ${edge.spawnCount}×`;
    case 'switch':
      return edge.when === undefined ? 'switch' : `switch on ${edge.when}`;
    case 'compensation':
      return 'undo (compensation)';
    case 'message':
      return `message ${edge.event ?? ''}`.trim();
    case 'dataflow':
      return 'data';
    case 'signal':
      return `signal ${edge.event ?? ''}`.trim();
    case 'weighted':
      return edge.weight === undefined ? 'weighted' : `weight ${edge.weight}`;
    default:
      return assertNever(edge.mode);
  }
}

/** Pure; "all", "any" or "2 of them". */
export function joinText(edge: WorkflowEdge): string {
  switch (edge.joinMode) {
    case 'wait_any': return 'any';
    case 'wait_n': return `${edge.joinCount ?? '?'} of them`;
    case 'wait_all':
    case undefined: return 'all';
    default: return assertNever(edge.joinMode);
  }
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}
