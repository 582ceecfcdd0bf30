import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Background, Controls, MarkerType, ReactFlow, useReactFlow, type Edge, type NodeTypes } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Group, Skeleton, Text, useComputedColorScheme } from '@mantine/core';
import type { Workflow } from '@sopflow/format';
import type { StepState } from '../../api/api-types';
import { ErrorAlert } from '../error-alert';
import { layoutProcessGraph, type ProcessGraphLayout } from './layout-process-graph';
import { describeStep, processGraphModel, type GraphLink, type LinkKind } from './process-graph-model';
import { LaneNode, StepNode, type LaneNodeType, type StepNodeType } from './step-node';
import classes from './process-graph.module.css';

export interface ProcessGraphProps {
  /** The workflow: the JSON form of a version (`GET /api/sops/:id/versions/:v?format=json` → `workflow`), or the format package's model of a draft. */
  workflow: Workflow;
  /** Live state of each step by id (the SOP's steps); the one that is `now` is highlighted. */
  stepStates?: Readonly<Record<string, StepState>>;
  /** Height of the drawing in pixels (default 560). */
  height?: number;
}

const NODE_TYPES: NodeTypes = { step: StepNode, lane: LaneNode };

const EDGE_STYLE: Record<LinkKind, CSSProperties> = {
  flow: { strokeWidth: 1.5 },
  choice: { strokeWidth: 1.5 },
  parallel: { strokeWidth: 3.5 },
  failure: { strokeWidth: 1.5, strokeDasharray: '6 4' },
  data: { strokeWidth: 1, strokeDasharray: '2 3' },
};

/**
 * A workflow drawn with React Flow, laid out by ELK left to right with a swim lane per role:
 * decisions as hexagons, approval gates with a double border, high risk outlined, parallel
 * branches thick and failure paths dashed, every branch condition on its edge — each also in
 * words. Steps are focusable (Tab) and named for screen readers. The editor reuses it as a preview.
 * @example <ProcessGraph workflow={version.workflow} stepStates={{ review: 'now' }} />
 */
export function ProcessGraph({ workflow, stepStates, height = 560 }: ProcessGraphProps) {
  const colorScheme = useComputedColorScheme('light');
  const [drawn, setDrawn] = useState<{ of: Workflow; result: ProcessGraphLayout } | null>(null);
  const [failed, setFailed] = useState<{ of: Workflow; error: unknown } | null>(null);

  // The layout depends on the structure only; live states change the drawing, not the positions.
  // ELK runs in a worker; a newer workflow (the editor's next keystroke) stops the layout under way,
  // and until the newest is laid out the last one stays drawn (no flash of a skeleton while typing).
  useEffect(() => {
    const superseded = new AbortController();
    layoutProcessGraph(processGraphModel(workflow), superseded.signal).then(
      (result) => { if (!superseded.signal.aborted) setDrawn({ of: workflow, result }); },
      (error: unknown) => { if (!superseded.signal.aborted) setFailed({ of: workflow, error }); },
    );
    return () => superseded.abort();
  }, [workflow]);

  // What is drawn is the workflow the layout was made for, with the live states.
  const shown = drawn?.of ?? workflow;
  const model = useMemo(() => processGraphModel(shown, stepStates), [shown, stepStates]);
  const placed = drawn?.result ?? null;
  const nodes = useMemo(() => {
    if (placed === null) return [];
    const lanes = placed.lanes.map((lane, i): LaneNodeType => ({
      id: `lane:${i}`, type: 'lane', position: { x: 0, y: lane.y }, width: lane.width, height: lane.height,
      data: { name: lane.name, odd: i % 2 === 1 }, selectable: false, focusable: false, draggable: false, zIndex: -1,
    }));
    const at = new Map(placed.steps.map((s) => [s.id, s]));
    const steps = model.steps.filter((s) => at.has(s.id)).map((step): StepNodeType => {
      const p = at.get(step.id)!;
      return {
        id: step.id, type: 'step', position: { x: p.x, y: p.y }, width: p.width, height: p.height, data: { step },
        ariaLabel: describeStep(step), draggable: false, connectable: false,
        ...(step.state === 'now' ? { domAttributes: { 'aria-current': 'step' as const } } : {}),
      };
    });
    return [...lanes, ...steps];
  }, [placed, model]);
  const edges = useMemo(() => model.links.map((link) => toEdge(link, model.steps)), [model]);

  if (failed?.of === workflow) return <ErrorAlert error={failed.error} title="Could not lay out the graph" />;
  if (drawn === null) return <Skeleton h={height} />;
  return (
    <div>
      <div className={classes.graph} style={{ height }} aria-label={`Process graph of ${drawn.of.name}`} role="region" aria-busy={drawn.of !== workflow}>
        <ReactFlow
          nodes={nodes} edges={edges} nodeTypes={NODE_TYPES} colorMode={colorScheme} fitView fitViewOptions={{ padding: 0.04 }} minZoom={0.15} maxZoom={2}
          nodesDraggable={false} nodesConnectable={false} nodesFocusable edgesFocusable={false} elementsSelectable
        >
          <Background gap={24} />
          <Controls showInteractive={false} />
          <FitOnNewLayout layout={drawn.result} />
        </ReactFlow>
      </div>
      <Group gap="md" mt="xs" className={classes.legend}>
        <Text inherit fw={600}>Legend:</Text>
        <Text inherit>◆ hexagon: decision</Text>
        <Text inherit>✔ double border: approval gate</Text>
        <Text inherit>⚠ dashed red outline: high risk</Text>
        <Text inherit>thick line: parallel branch</Text>
        <Text inherit>dashed line: failure path</Text>
        <Text inherit>◐ ring: running now</Text>
      </Group>
      {model.dangling.length > 0 ? <Text size="sm" c="red" mt="xs">Links to steps that do not exist are not drawn: {model.dangling.join('; ')}.</Text> : null}
    </div>
  );
}

/** Fits the view to each new layout (ReactFlow's `fitView` fits only the first); live states alone keep the reader's zoom. */
function FitOnNewLayout({ layout }: { layout: ProcessGraphLayout }) {
  const flow = useReactFlow();
  useEffect(() => { void flow.fitView({ padding: 0.04 }); }, [flow, layout]);
  return null;
}

function toEdge(link: GraphLink, steps: readonly { id: string; name: string }[]): Edge {
  const name = (id: string) => steps.find((s) => s.id === id)?.name ?? id;
  return {
    id: link.id, source: link.from, target: link.to, type: 'smoothstep',
    style: EDGE_STYLE[link.kind], markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
    ariaLabel: `From ${name(link.from)} to ${name(link.to)}${link.label === null ? '' : `: ${link.label}`}`,
    ...(link.label === null ? {} : { label: link.label, labelBgPadding: [4, 2] as [number, number], labelBgBorderRadius: 4 }),
  };
}
