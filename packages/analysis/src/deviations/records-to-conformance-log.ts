import type { Workflow } from '@sopflow/format';
import type { EventLog } from '../log/event-log.js';
import { recordsToEventLog } from '../records/records-event-log.js';
import type { RunRecord } from '../records/run-record.js';
import { buildPrescribedModel } from './prescribed-model.js';

/**
 * Pure; runs as the event log to check against `workflowToPetriNet(workflow)` (activity = node id),
 * with the steps of silent nodes (gateways) left out. Gateways only route: the branch they chose
 * shows in the step that follows. Records differ on whether they list them (sopflow's engine does;
 * an XES or CSV export of another system usually does not), and dropping them here lets both kinds
 * align and replay at no cost — making gateways visible instead would charge every record that
 * omits them a model move. A run that skips a real step still pays for it.
 */
export function recordsToConformanceLog(workflow: Workflow, records: readonly RunRecord[]): EventLog {
  const silent = silentNodeIds(workflow);
  const visible = silent.size === 0 ? records : records.map((r) => ({ ...r, steps: r.steps.filter((s) => !silent.has(s.nodeId)) }));
  return recordsToEventLog(visible, { activityKey: 'nodeId' });
}

/** Pure; the node ids whose transitions are silent in `workflowToPetriNet(workflow)` (gateways). */
export function silentNodeIds(workflow: Workflow): Set<string> {
  return new Set([...buildPrescribedModel(workflow).steps.values()].filter((s) => s.silent).map((s) => s.id));
}
