import type { ElkNode } from 'elkjs/lib/elk-api';
import { createElkRunner, type ElkRunner } from './elk-runner';
import type { ProcessGraphModel } from './process-graph-model';

/** Sizes of the drawing, in pixels. */
export const STEP_WIDTH = 220;
export const STEP_HEIGHT = 92;
export const LANE_LABEL_WIDTH = 150;
const LANE_GAP = 24;
const RIGHT_PADDING = 40;

/** Where a step sits (top-left corner). */
export interface PlacedStep { id: string; x: number; y: number; width: number; height: number }

/** A swim lane: one role's horizontal band across the whole drawing. */
export interface PlacedLane { name: string; y: number; height: number; width: number }

export interface ProcessGraphLayout {
  steps: PlacedStep[];
  lanes: PlacedLane[];
  width: number;
  height: number;
}

/** ELK's layered algorithm, left to right; wide gaps between layers leave room for edge labels. */
const ELK_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '120',
  'elk.spacing.nodeNode': '40',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

/** The name of the performance measure each finished layout leaves (DevTools' timings; the e2e test reads them). */
export const LAYOUT_MEASURE = 'sopflow graph layout';

let workerRunner: ElkRunner | null = null;

/**
 * Lays the graph out: ELK (layered, left to right, in a Web Worker) orders the steps into columns
 * and, within a column, top to bottom; each role then gets its own horizontal lane, so a step keeps
 * ELK's column and its lane's band (steps of one lane in the same column stack in ELK's order).
 * When `signal` aborts first (a newer workflow to draw), ELK is stopped and this rejects.
 */
export async function layoutProcessGraph(model: ProcessGraphModel, signal?: AbortSignal): Promise<ProcessGraphLayout> {
  const graph: ElkNode = {
    id: 'process',
    layoutOptions: ELK_OPTIONS,
    children: model.steps.map((s) => ({ id: s.id, width: STEP_WIDTH, height: STEP_HEIGHT })),
    edges: model.links.map((l) => ({ id: l.id, sources: [l.from], targets: [l.to] })),
  };
  const start = performance.now();
  const laid = await (workerRunner ??= createElkRunner()).layout(graph, signal);
  performance.measure(LAYOUT_MEASURE, { start, detail: { steps: model.steps.length } });
  const elkPlace = new Map((laid.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
  return placeInLanes(model, elkPlace, laid.width ?? STEP_WIDTH);
}

/** Pure; ELK's columns kept, rows assigned within each step's lane band. */
export function placeInLanes(model: ProcessGraphModel, elkPlace: ReadonlyMap<string, { x: number; y: number }>, elkWidth: number): ProcessGraphLayout {
  const row = new Map<string, number>();
  const rowsPerLane = model.lanes.map(() => 1);
  const byElkOrder = [...model.steps].sort((a, b) => (elkPlace.get(a.id)?.y ?? 0) - (elkPlace.get(b.id)?.y ?? 0));
  const taken = new Map<string, number>();
  for (const step of byElkOrder) {
    const column = `${step.lane}:${Math.round(elkPlace.get(step.id)?.x ?? 0)}`;
    const r = taken.get(column) ?? 0;
    taken.set(column, r + 1);
    row.set(step.id, r);
    rowsPerLane[step.lane] = Math.max(rowsPerLane[step.lane] ?? 1, r + 1);
  }
  const width = LANE_LABEL_WIDTH + elkWidth + RIGHT_PADDING;
  const lanes: PlacedLane[] = [];
  let top = 0;
  model.lanes.forEach((name, i) => {
    const height = LANE_GAP + (rowsPerLane[i] ?? 1) * (STEP_HEIGHT + LANE_GAP);
    lanes.push({ name, y: top, height, width });
    top += height;
  });
  const steps = model.steps.map((s): PlacedStep => ({
    id: s.id,
    x: LANE_LABEL_WIDTH + (elkPlace.get(s.id)?.x ?? 0),
    y: (lanes[s.lane]?.y ?? 0) + LANE_GAP + (row.get(s.id) ?? 0) * (STEP_HEIGHT + LANE_GAP),
    width: STEP_WIDTH,
    height: STEP_HEIGHT,
  }));
  return { steps, lanes, width, height: top };
}
