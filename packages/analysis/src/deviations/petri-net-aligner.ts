import type { Workflow } from '@sopflow/format';
import type { AlignBudget } from '../conformance/align-trace.js';
import { alignTrace, createAlignSetup } from '../conformance/align-trace.js';
import { compileNet } from '../petri/petri-net.js';
import type { RunAlignment, RunAlignmentMove } from './align-run-trace.js';
import { silentNodeIds } from './records-to-conformance-log.js';
import { workflowToPetriNet } from './workflow-to-petri-net.js';

/** Aligns one trace (node ids in execution order) with a process; what `conformRun` accepts as `aligner`. */
export type TraceAligner = (trace: readonly string[]) => RunAlignment;

/**
 * Pure (apart from an optional wall-clock budget the caller gives); an aligner that runs the mining
 * layer's A* alignments (PM4Py's cost function, mandatory-label heuristic, shared marking memo) on
 * `workflowToPetriNet(workflow)`, and reads the moves back as node ids for deviation naming. Gateway
 * steps in the trace are not labels of the net: they are left out of the alignment and read back as
 * free synchronous moves (as `alignRunTrace` treats them).
 */
export function createPetriNetAligner(workflow: Workflow, budget: AlignBudget = {}): TraceAligner {
  const net = workflowToPetriNet(workflow);
  const setup = createAlignSetup(compileNet(net));
  const silent = silentNodeIds(workflow);
  return (trace) => {
    const kept = trace.map((_, i) => i).filter((i) => !silent.has(trace[i]));
    const result = alignTrace(setup, kept.map((i) => trace[i]), budget);
    if (!result.finished) return { finished: false, cost: Number.NaN, moves: [], statesExplored: result.expanded };
    const moves: RunAlignmentMove[] = [];
    let next = 0;
    const gatewaysBefore = (end: number): void => {
      for (; next < end; next += 1) if (silent.has(trace[next])) moves.push({ type: 'sync', nodeId: trace[next], traceIndex: next });
    };
    let position = 0;
    for (const m of result.moves) {
      switch (m.type) {
        case 'sync':
        case 'log': {
          const traceIndex = kept[position++];
          gatewaysBefore(traceIndex);
          next = traceIndex + 1;
          moves.push({ type: m.type, nodeId: m.activity, traceIndex });
          break;
        }
        case 'model': moves.push({ type: 'model', nodeId: m.activity, silent: false }); break;
        case 'silent': moves.push({ type: 'model', nodeId: nodeOf(net.transitions[m.transition].name), silent: true }); break;
      }
    }
    gatewaysBefore(trace.length);
    const cost = moves.filter((m) => m.type === 'log' || (m.type === 'model' && !m.silent)).length;
    return { finished: true, cost, moves, statesExplored: result.expanded };
  };
}

/** Transition names are `<node id>` or `<node id>#<suffix>`. */
function nodeOf(transitionName: string): string {
  const hash = transitionName.lastIndexOf('#');
  return hash < 0 ? transitionName : transitionName.slice(0, hash);
}
