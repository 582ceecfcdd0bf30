import { isControlEdge, isFailurePath, type Workflow, type WorkflowEdge, type WorkflowNode } from '@sopflow/format';
import { createBpmnModdle, layoutBpmn, SOPFLOW_BPMN_NS, type BpmnElement, type BpmnModdle } from './bpmn-moddle-port.js';
import { edgeExtras, nodeLosses, workflowLosses } from './bpmn-losses.js';
import type { Converted, InterchangeLoss } from './interchange-loss.js';

/** Ids of the gateways the export adds in front of a split or a join; the import removes them again. */
export const SPLIT_PREFIX = 'sopflow_split_';
export const JOIN_PREFIX = 'sopflow_join_';

/**
 * Writes a workflow as BPMN 2.0 XML (bpmn-moddle), laid out by bpmn-auto-layout: human steps are
 * user tasks, cli/system steps script tasks, other machine steps service tasks, steps with a
 * `workflow_ref` call activities, `gateway` steps gateways, `event` steps intermediate catch
 * events, roles lanes. A step with several ways out gets a split gateway (parallel, exclusive, or
 * inclusive when mixed), a `wait_all` join a parallel gateway. `error` edges are boundary error
 * events, `timeout` edges boundary timer events (the step's timeout as the duration). Edge modes
 * and fields BPMN has no word for travel as `sopflow:` attributes; everything else sopflow cannot
 * express in BPMN is returned as a loss.
 */
export async function workflowToBpmn(workflow: Workflow): Promise<Converted<string>> {
  const moddle = await createBpmnModdle();
  const losses: InterchangeLoss[] = [...workflowLosses(workflow)];
  const process = moddle.create('bpmn:Process', { id: xmlId(`Process_${workflow.id}`), name: workflow.name, isExecutable: false });
  const definitions = moddle.create('bpmn:Definitions', { id: 'Definitions_1', targetNamespace: SOPFLOW_BPMN_NS, rootElements: [process] });
  Object.assign(definitions.$attrs!, { 'xmlns:sopflow': SOPFLOW_BPMN_NS });
  const flowElements: BpmnElement[] = [];
  const errors: BpmnElement[] = [];
  const add = (type: string, attrs: Record<string, unknown>): BpmnElement => {
    const element = moddle.create(type, attrs);
    element.incoming = [];
    element.outgoing = [];
    flowElements.push(element);
    return element;
  };
  let flowCount = 0;
  const flow = (source: BpmnElement, target: BpmnElement, edge?: WorkflowEdge): BpmnElement => {
    const sequenceFlow = moddle.create('bpmn:SequenceFlow', { id: `Flow_${++flowCount}`, sourceRef: source, targetRef: target });
    if (edge) describeEdge(moddle, sequenceFlow, edge);
    (source.outgoing as BpmnElement[]).push(sequenceFlow);
    (target.incoming as BpmnElement[]).push(sequenceFlow);
    flowElements.push(sequenceFlow);
    return sequenceFlow;
  };

  const elementOf = new Map<string, BpmnElement>();
  for (const node of workflow.nodes) {
    losses.push(...nodeLosses(node));
    const element = add(bpmnType(node, workflow.edges), nodeAttrs(moddle, node));
    Object.assign(element.$attrs!, { 'sopflow:type': node.type, ...(xmlId(node.id) === node.id ? {} : { 'sopflow:id': node.id }) });
    elementOf.set(node.id, element);
  }
  const controlOut = (id: string) => workflow.edges.filter((e) => e.from === id && isControlEdge(e.mode) && !isFailurePath(e.mode));
  const entryIn = new Map<string, BpmnElement>();
  for (const node of workflow.nodes) {
    const incoming = workflow.edges.filter((e) => e.to === node.id && !isFailurePath(e.mode));
    const joins = incoming.length > 1 && incoming.some((e) => e.joinMode === 'wait_all' || e.joinMode === 'wait_n');
    if (joins && node.type !== 'gateway') {
      const join = add('bpmn:ParallelGateway', { id: xmlId(`${JOIN_PREFIX}${node.id}`), gatewayDirection: 'Converging' });
      flow(join, elementOf.get(node.id)!);
      entryIn.set(node.id, join);
    }
  }
  const target = (id: string) => entryIn.get(id) ?? elementOf.get(id)!;

  for (const node of workflow.nodes) {
    const element = elementOf.get(node.id)!;
    const outs = controlOut(node.id);
    let from = element;
    if (outs.length > 1 && node.type !== 'gateway') {
      from = add(splitType(outs), { id: xmlId(`${SPLIT_PREFIX}${node.id}`), gatewayDirection: 'Diverging' });
      flow(element, from);
    }
    for (const edge of outs) flow(from, target(edge.to), edge);
    if (outs.length === 0 && !workflow.edges.some((e) => e.from === node.id && !isFailurePath(e.mode))) {
      flow(element, add('bpmn:EndEvent', { id: xmlId(`End_${node.id}`) }));
    }
    for (const edge of workflow.edges.filter((e) => e.from === node.id && !isFailurePath(e.mode) && !isControlEdge(e.mode))) flow(element, target(edge.to), edge);
    for (const edge of workflow.edges.filter((e) => e.from === node.id && isFailurePath(e.mode))) {
      const boundary = boundaryFor(moddle, edge, node, element, errors, add);
      if (boundary) flow(boundary, target(edge.to), edge);
      else {
        losses.push({ code: 'failure-path', element: `${edge.from} → ${edge.to}`, message: `${edge.mode} edge from a ${node.type} step (BPMN attaches boundary events to tasks only): written as a plain flow marked sopflow:mode` });
        flow(element, target(edge.to), edge);
      }
    }
  }
  if (workflow.entryPoint !== undefined) flow(add('bpmn:StartEvent', { id: 'Start' }), target(workflow.entryPoint));
  addLanes(moddle, workflow, process, elementOf);
  process.flowElements = flowElements;
  definitions.rootElements = [...errors, process];
  const { xml } = await moddle.toXML(definitions, { format: true });
  return { value: await layoutBpmn(xml), losses };
}

function bpmnType(node: WorkflowNode, edges: readonly WorkflowEdge[]): string {
  if (node.workflowRef !== undefined) return 'bpmn:CallActivity';
  switch (node.type) {
    case 'human': case 'company': case 'department': return 'bpmn:UserTask';
    case 'cli': case 'system': return 'bpmn:ScriptTask';
    case 'event': return 'bpmn:IntermediateCatchEvent';
    case 'gateway': {
      const incoming = edges.filter((e) => e.to === node.id);
      const outs = edges.filter((e) => e.from === node.id && !isFailurePath(e.mode));
      if (outs.length <= 1 && incoming.some((e) => e.joinMode === 'wait_all')) return 'bpmn:ParallelGateway';
      return outs.length > 1 ? splitType(outs) : 'bpmn:ExclusiveGateway';
    }
    default: return 'bpmn:ServiceTask';
  }
}

function splitType(outs: readonly WorkflowEdge[]): string {
  if (outs.every((e) => e.mode === 'parallel')) return 'bpmn:ParallelGateway';
  return outs.some((e) => e.mode === 'parallel') ? 'bpmn:InclusiveGateway' : 'bpmn:ExclusiveGateway';
}

function nodeAttrs(moddle: BpmnModdle, node: WorkflowNode): Record<string, unknown> {
  const attrs: Record<string, unknown> = { id: xmlId(node.id), name: node.name };
  if (node.purpose ?? node.description) attrs.documentation = [moddle.create('bpmn:Documentation', { text: node.purpose ?? node.description })];
  if (node.workflowRef !== undefined) attrs.calledElement = node.workflowRef;
  const command = node.runtime?.command;
  if ((node.type === 'cli' || node.type === 'system') && command !== undefined) {
    attrs.scriptFormat = 'shell';
    attrs.script = Array.isArray(command) ? command.join(' ') : command;
  }
  if (node.type === 'event') attrs.eventDefinitions = [moddle.create('bpmn:MessageEventDefinition', {})];
  return attrs;
}

function describeEdge(moddle: BpmnModdle, sequenceFlow: BpmnElement, edge: WorkflowEdge): void {
  if (edge.label !== undefined) sequenceFlow.name = edge.label;
  if (edge.when !== undefined) sequenceFlow.conditionExpression = moddle.create('bpmn:FormalExpression', { body: edge.when, language: 'cel' });
  const attrs: Record<string, string> = { 'sopflow:mode': edge.mode };
  const extras = edgeExtras(edge);
  if (Object.keys(extras).length > 0) attrs['sopflow:extra'] = JSON.stringify(extras);
  Object.assign(sequenceFlow.$attrs!, attrs);
}

function boundaryFor(
  moddle: BpmnModdle, edge: WorkflowEdge, node: WorkflowNode, task: BpmnElement, errors: BpmnElement[],
  add: (type: string, attrs: Record<string, unknown>) => BpmnElement,
): BpmnElement | undefined {
  if (!/Task$|CallActivity$|SubProcess$/.test(task.$type)) return undefined;
  const id = xmlId(`Boundary_${edge.mode}_${node.id}_${edge.to}`);
  if (edge.mode === 'timeout') {
    const duration = node.timeoutSec === undefined ? undefined : moddle.create('bpmn:FormalExpression', { body: `PT${node.timeoutSec}S` });
    const definition = moddle.create('bpmn:TimerEventDefinition', duration ? { timeDuration: duration } : {});
    return add('bpmn:BoundaryEvent', { id, attachedToRef: task, cancelActivity: true, eventDefinitions: [definition] });
  }
  const code = edge.errorCodes?.[0];
  const error = moddle.create('bpmn:Error', { id: xmlId(`Error_${node.id}_${edge.to}`), name: code ?? edge.mode, errorCode: code });
  errors.push(error);
  return add('bpmn:BoundaryEvent', { id, attachedToRef: task, cancelActivity: true, eventDefinitions: [moddle.create('bpmn:ErrorEventDefinition', { errorRef: error })] });
}

function addLanes(moddle: BpmnModdle, workflow: Workflow, process: BpmnElement, elementOf: Map<string, BpmnElement>): void {
  const roles = [...new Set([...workflow.roles, ...workflow.nodes.map((n) => n.role).filter((r): r is string => r !== undefined)])];
  if (roles.length === 0) return;
  const lanes = roles.map((role) => moddle.create('bpmn:Lane', {
    id: xmlId(`Lane_${role}`), name: role,
    flowNodeRef: workflow.nodes.filter((n) => n.role === role).map((n) => elementOf.get(n.id)!),
  }));
  process.laneSets = [moddle.create('bpmn:LaneSet', { id: 'LaneSet_1', lanes })];
}

/** An XML NCName for a sopflow id (BPMN ids may not start with a digit or hold spaces). */
export function xmlId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
}
