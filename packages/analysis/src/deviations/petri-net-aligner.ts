import type { Workflow } from '@sopflow/format';
import type { AlignBudget } from '../conformance/align-trace.js';
import { alignTrace, createAlignSetup } from '../conformance/align-trace.js';
import { compileNet } from '../petri/petri-net.js';
import type { RunAlignment, RunAlignmentMove } from './align-run-trace.js';
import { workflowToPetriNet } from './workflow-to-petri-net.js';

/** Aligns one trace (node ids in execution order) with a process; what `conformRun` accepts as `aligner`. */
export type TraceAligner = (trace: readonly string[]) => RunAlignment;

/**
 * Pure (apart from an optional wall-clock budget the caller gives); an aligner that runs the mining
 * layer's A* alignments (PM4Py's cost function, mandatory-label heuristic, shared marking memo) on
 * `workflowToPetriNet(workflow)`, and reads the moves back as node ids for deviation naming.
 */
export function createPetriNetAligner(workflow: Workflow, budget: AlignBudget = {}): TraceAligner {
  const net = workflowToPetriNet(workflow);
  const setup = createAlignSetup(compileNet(net));
  return (trace) => {
    const result = alignTrace(setup, trace, budget);
    if (!result.finished) return { finished: false, cost: Number.NaN, moves: [], statesExplored: result.expanded };
    let position = 0;
    const moves: RunAlignmentMove[] = result.moves.map((m): RunAlignmentMove => {
      switch (m.type) {
        case 'sync': return { type: 'sync', nodeId: m.activity, traceIndex: position++ };
        case 'log': return { type: 'log', nodeId: m.activity, traceIndex: position++ };
        case 'model': return { type: 'model', nodeId: m.activity, silent: false };
        case 'silent': return { type: 'model', nodeId: nodeOf(net.transitions[m.transition].name), silent: true };
      }
    });
    const cost = moves.filter((m) => m.type === 'log' || (m.type === 'model' && !m.silent)).length;
    return { finished: true, cost, moves, statesExplored: result.expanded };
  };
}

/** Transition names are `<node id>#<k>`. */
function nodeOf(transitionName: string): string {
  const hash = transitionName.lastIndexOf('#');
  return hash < 0 ? transitionName : transitionName.slice(0, hash);
}
