import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import type { InterchangeLoss } from './interchange-loss.js';

/** Edge fields BPMN has no attribute for; the export carries them in `sopflow:extra` (JSON). Pure. */
export function edgeExtras(edge: WorkflowEdge): Record<string, unknown> {
  const extras: Record<string, unknown> = {
    forEach: edge.forEach, iteratorVar: edge.iteratorVar, maxIterations: edge.maxIterations, joinMode: edge.joinMode,
    joinCount: edge.joinCount, cases: edge.cases, defaultTo: edge.defaultTo, errorCodes: edge.errorCodes, event: edge.event,
    weight: edge.weight, spawnCount: edge.spawnCount,
  };
  for (const key of Object.keys(extras)) if (extras[key] === undefined) delete extras[key];
  return extras;
}

const NODE_FIELDS: [keyof WorkflowNode, string][] = [
  ['runtime', 'runtime'], ['retryPolicy', 'retry policy'], ['approvalGate', 'approval gate'], ['form', 'form'], ['sla', 'SLA'],
  ['inputs', 'inputs'], ['outputs', 'outputs'], ['confidenceRequirement', 'confidence requirement'], ['authLevel', 'auth level'],
  ['delegationState', 'delegation state'], ['riskLevel', 'risk level'], ['idempotent', 'idempotency'], ['failureModes', 'failure modes'],
];

/** What BPMN cannot say about one step (a script task keeps its command). Pure. */
export function nodeLosses(node: WorkflowNode): InterchangeLoss[] {
  return NODE_FIELDS.flatMap(([field, label]): InterchangeLoss[] => {
    const value = node[field];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    if (field === 'runtime' && (node.type === 'cli' || node.type === 'system') && Object.keys(value as object).every((k) => k === 'command')) return [];
    return [{ code: 'node-field', element: node.id, message: `${label} of "${node.name}" has no BPMN equivalent; not written` }];
  });
}

/** What BPMN cannot say about the workflow itself. Pure. */
export function workflowLosses(workflow: Workflow): InterchangeLoss[] {
  const fields: [unknown, string][] = [
    [workflow.inputs, 'run inputs'], [workflow.triggers, 'triggers'], [workflow.exitConditions, 'exit conditions'],
    [workflow.escalationPaths, 'escalation paths'], [workflow.failureModes, 'failure modes'], [workflow.auditRequirements, 'audit requirements'],
    [workflow.certificationStatus, 'certification status'], [workflow.jurisdiction, 'jurisdiction'], [workflow.allowedHosts, 'allowed hosts'],
    [workflow.variables, 'variables'],
  ];
  return fields.flatMap(([value, label]): InterchangeLoss[] =>
    value === undefined || (Array.isArray(value) && value.length === 0) ? [] : [{ code: 'workflow-field', element: workflow.id, message: `${label} have no BPMN equivalent; not written` }]);
}
