import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { StepState } from '../../api/api-types';
import type { GraphStep, StepShape } from './process-graph-model';
import classes from './process-graph.module.css';

export type StepNodeType = Node<{ step: GraphStep }, 'step'>;
export type LaneNodeType = Node<{ name: string; odd: boolean }, 'lane'>;

const SHAPE_WORD: Record<StepShape, string> = {
  decision: '◆ Decision', event: '◯ Event', subprocess: '▣ Sub-process', human: 'human', agent: 'agent', system: 'system',
};

const STATE_WORD: Record<StepState, string> = { todo: '○ todo', now: '◐ Running now', done: '● done', blocked: '✕ blocked' };

/** One step: its shape says what it is, and every mark (approval, risk, fork, join, state) is written out too. */
export function StepNode({ data }: NodeProps<StepNodeType>) {
  const { step } = data;
  const className = [
    classes.step, classes[step.shape], step.approval !== null ? classes.gate : '', step.highRisk ? classes.risk : '', step.state === 'now' ? classes.now : '',
  ].filter((c) => c !== '').join(' ');
  return (
    <div className={className}>
      {step.shape === 'decision' ? (
        <svg className={classes.hexagon} viewBox="0 0 220 92" preserveAspectRatio="none" aria-hidden>
          <polygon points="18,2 202,2 218,46 202,90 18,90 2,46" />
        </svg>
      ) : null}
      <Handle type="target" position={Position.Left} isConnectable={false} className={classes.handle} />
      <div className={classes.kind}>{SHAPE_WORD[step.shape]}{step.shape === 'decision' || step.shape === 'event' ? ` · ${step.performer}` : ''}</div>
      <div className={classes.name}>{step.name}</div>
      <div className={classes.marks}>
        {step.state !== null ? <span className={`${classes.mark} ${step.state === 'now' ? classes.markNow : ''}`}>{STATE_WORD[step.state]}</span> : null}
        {step.approval !== null ? <span className={classes.mark}>✔ {step.approval}</span> : null}
        {step.risk !== null ? <span className={`${classes.mark} ${step.highRisk ? classes.markRisk : ''}`}>⚠ Risk {step.risk}</span> : null}
        {step.fork ? <span className={classes.mark}>⇉ Parallel branches</span> : null}
        {step.join !== null ? <span className={classes.mark}>⇥ {step.join}</span> : null}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className={classes.handle} />
    </div>
  );
}

/** A role's swim lane: a band across the drawing with the role's name at its left. */
export function LaneNode({ data }: NodeProps<LaneNodeType>) {
  return (
    <div className={`${classes.lane} ${data.odd ? classes.laneOdd : ''}`}>
      <div className={classes.laneName}>{data.name}</div>
    </div>
  );
}
