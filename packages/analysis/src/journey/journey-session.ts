import type { ExecutionLog, NodeRecord } from '@sopflow/format';
import { labelToId } from '../synthesize/trace-labels.js';
import type { IdealStep } from './ideal-path.js';

/** One step a visitor took: a page or screen name, when (ISO-8601), and an outcome when the site reported one ("converted"). */
export interface JourneyEvent {
  step: string;
  at: string;
  outcome?: string;
}

/** One visit: a random id the client made, its steps in time order, and the agent's name when an agent made it (else a person). */
export interface JourneySession {
  id: string;
  agent?: string;
  events: JourneyEvent[];
}

/** The outcome that counts as a conversion. */
export const CONVERTED = 'converted';

/** Pure; whether any step of the session reported the conversion outcome. */
export function isConverted(session: JourneySession): boolean {
  return session.events.some((e) => e.outcome === CONVERTED);
}

/** Pure; the ideal step a visited step is (by node id or name, ignoring case and surrounding spaces), or undefined when off the path. */
export function matchIdealStep(step: string, path: readonly IdealStep[]): IdealStep | undefined {
  const key = step.trim().toLowerCase();
  return path.find((p) => p.id.toLowerCase() === key || p.name.trim().toLowerCase() === key);
}

/**
 * Pure; a session as an `.osoplog` execution log (one node record per step, each lasting until the
 * next step; the node id is the ideal step's id when the step is on the ideal path, else the step
 * name as an id). Write it with `stringifyExecutionLog` from @sopflow/format.
 */
export function journeySessionLog(session: JourneySession, workflowId: string, path: readonly IdealStep[] = []): ExecutionLog {
  const events = session.events;
  const first = events[0]?.at ?? new Date(0).toISOString();
  const last = events[events.length - 1]?.at ?? first;
  const nodeType = session.agent === undefined ? 'human' : 'agent';
  const records: NodeRecord[] = events.map((event, i) => {
    const ended = events[i + 1]?.at ?? event.at;
    const ideal = matchIdealStep(event.step, path);
    return {
      node_id: ideal?.id ?? labelToId(event.step), node_type: nodeType, status: 'COMPLETED', started_at: event.at, ended_at: ended,
      duration_ms: Math.max(0, Date.parse(ended) - Date.parse(event.at)), name: event.step,
      ...(event.outcome === undefined ? {} : { outcome: event.outcome }),
    };
  });
  const converted = isConverted(session);
  return {
    osoplog_version: '1.0', run_id: `journey-${session.id}`, workflow_id: workflowId, mode: 'live', status: 'COMPLETED',
    trigger: { type: 'journey', actor: session.agent ?? 'person' },
    started_at: first, ended_at: last, duration_ms: Math.max(0, Date.parse(last) - Date.parse(first)),
    ...(session.agent === undefined ? {} : { runtime: { agent: session.agent, session_id: session.id } }),
    node_records: records,
    outcome: converted ? CONVERTED : 'left',
    result_summary: `${events.length} step${events.length === 1 ? '' : 's'} by ${session.agent === undefined ? 'a person' : `the agent ${session.agent}`}; ${converted ? 'converted' : 'left without converting'}`,
  };
}
