import { DEFAULT_AUTH_LEVELS, isNodeType, type EdgeMode, type NodeType, type Workflow, type WorkflowEdge, type WorkflowNode } from '@sopflow/format';
import { createBpmnModdle, type BpmnElement } from './bpmn-moddle-port.js';
import type { Converted, InterchangeLoss } from './interchange-loss.js';
import { JOIN_PREFIX, SPLIT_PREFIX } from './workflow-to-bpmn.js';

const TASK_TYPE: Record<string, NodeType> = {
  'bpmn:UserTask': 'human', 'bpmn:ManualTask': 'human', 'bpmn:Task': 'human',
  'bpmn:ServiceTask': 'api', 'bpmn:SendTask': 'api', 'bpmn:BusinessRuleTask': 'api', 'bpmn:ReceiveTask': 'event',
  'bpmn:ScriptTask': 'cli', 'bpmn:CallActivity': 'system',
  'bpmn:IntermediateCatchEvent': 'event', 'bpmn:IntermediateThrowEvent': 'event',
  'bpmn:ExclusiveGateway': 'gateway', 'bpmn:ParallelGateway': 'gateway', 'bpmn:InclusiveGateway': 'gateway', 'bpmn:EventBasedGateway': 'gateway', 'bpmn:ComplexGateway': 'gateway',
};
const PASS_THROUGH = new Set(['bpmn:StartEvent', 'bpmn:EndEvent', 'bpmn:SubProcess']);

/**
 * Reads BPMN 2.0 XML (bpmn-moddle) as a draft workflow: tasks, call activities, intermediate events
 * and gateways become steps (user → human, service → api, script → cli with the script as its
 * command); sequence flows become edges (after a parallel gateway `parallel`, after an exclusive or
 * inclusive one `conditional` with the CEL/text condition, else `weighted`); a flow into a parallel
 * join gets `wait_all`; boundary error and timer events become `error` / `timeout` edges (the timer's
 * `PT…` duration the step's timeout); sub-processes are flattened into the workflow; lanes become
 * roles. The gateways `workflowToBpmn` added and its `sopflow:` attributes are undone, so an export
 * reads back to the same graph. Anything else (data objects, message flows between pools,
 * unparseable conditions) is returned as a loss.
 */
export async function bpmnToWorkflow(xml: string, options: { id?: string } = {}): Promise<Converted<Workflow>> {
  const moddle = await createBpmnModdle();
  const losses: InterchangeLoss[] = [];
  let parsed;
  try {
    parsed = await moddle.fromXML(xml);
  } catch (error) {
    throw new Error(`BPMN could not be read: ${(error as Error).message}`);
  }
  for (const w of parsed.warnings) losses.push({ code: 'bpmn-warning', message: w.message });
  const rootElements = (parsed.rootElement.rootElements as BpmnElement[] | undefined) ?? [];
  const processes = rootElements.filter((e) => e.$type === 'bpmn:Process');
  const process = processes.find((p) => ((p.flowElements as unknown[] | undefined) ?? []).length > 0);
  if (!process) throw new Error('BPMN has no process with flow elements');
  if (processes.length > 1) losses.push({ code: 'pool', message: `only process "${process.id}" was read; ${processes.length - 1} other pool(s) left out` });
  if (rootElements.some((e) => e.$type === 'bpmn:Collaboration' && ((e.messageFlows as unknown[] | undefined) ?? []).length > 0)) {
    losses.push({ code: 'message-flow', message: 'message flows between pools have no workflow equivalent; left out' });
  }

  const elements: BpmnElement[] = [];
  const flows: BpmnElement[] = [];
  const collect = (container: BpmnElement): void => {
    for (const e of (container.flowElements as BpmnElement[] | undefined) ?? []) {
      if (e.$type === 'bpmn:SequenceFlow') flows.push(e);
      else if (TASK_TYPE[e.$type] || PASS_THROUGH.has(e.$type) || e.$type === 'bpmn:BoundaryEvent' || e.$type === 'bpmn:AdHocSubProcess') elements.push(e);
      else losses.push({ code: 'element', element: e.id, message: `${e.$type.slice(5)} "${e.name ?? e.id}" has no workflow equivalent; left out` });
      if (e.$type === 'bpmn:SubProcess') collect(e);
    }
  };
  collect(process);

  const nodes: WorkflowNode[] = [];
  const nodeIdOf = new Map<BpmnElement, string>();
  for (const e of elements) {
    const type = TASK_TYPE[e.$type];
    if (!type || isAddedGateway(e)) continue;
    const attrType = e.$attrs?.['sopflow:type'];
    const node: WorkflowNode = {
      id: e.$attrs?.['sopflow:id'] ?? e.id!, type: isNodeType(attrType) ? attrType : type, kind: type === 'gateway' ? 'decision' : type === 'human' ? 'checkpoint' : 'action_digital',
      name: e.name ?? e.id!, inputs: [], outputs: [], failureModes: [], path: [], extra: {},
    };
    const docs = (e.documentation as BpmnElement[] | undefined)?.map((d) => d.text).filter((t): t is string => typeof t === 'string');
    if (docs && docs.length > 0) node.purpose = docs.join('\n');
    if (e.$type === 'bpmn:ScriptTask' && typeof e.script === 'string') node.runtime = { command: e.script };
    if (e.$type === 'bpmn:CallActivity' && typeof e.calledElement === 'string') node.workflowRef = e.calledElement;
    nodeIdOf.set(e, node.id);
    nodes.push(node);
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));

  // Walk each flow chain from a step (or a boundary event) through start/end events, sub-process borders and added gateways.
  const outgoing = new Map<BpmnElement, BpmnElement[]>();
  for (const f of flows) outgoing.set(f.sourceRef as BpmnElement, [...(outgoing.get(f.sourceRef as BpmnElement) ?? []), f]);
  const entries = (e: BpmnElement): BpmnElement[] => {
    if (e.$type !== 'bpmn:SubProcess') return [e];
    const starts = ((e.flowElements as BpmnElement[] | undefined) ?? []).filter((c) => c.$type === 'bpmn:StartEvent');
    return starts;
  };
  const edges: WorkflowEdge[] = [];
  const follow = (from: string, first: BpmnElement, base: Partial<WorkflowEdge>): void => {
    const seen = new Set<BpmnElement>();
    const walk = (f: BpmnElement, chain: BpmnElement[], splitType: string | undefined, join: boolean): void => {
      for (const target of entries(f.targetRef as BpmnElement)) {
        if (seen.has(target)) continue;
        const id = nodeIdOf.get(target);
        if (id !== undefined) {
          edges.push(edgeFrom(from, id, [...chain, f], splitType, join, base));
          continue;
        }
        seen.add(target);
        const nextSplit = isAddedGateway(target) && target.id!.startsWith(SPLIT_PREFIX) ? target.$type : splitType;
        const nextJoin = join || (isAddedGateway(target) && target.id!.startsWith(JOIN_PREFIX));
        const onward = target.$type === 'bpmn:EndEvent' && target.$parent?.$type === 'bpmn:SubProcess'
          ? outgoing.get(target.$parent) ?? []
          : outgoing.get(target) ?? [];
        for (const next of onward) walk(next, [...chain, f], nextSplit, nextJoin);
      }
    };
    walk(first, [], base.mode === undefined ? undefined : 'boundary', false);
  };
  for (const e of elements) {
    const id = nodeIdOf.get(e);
    if (id !== undefined) for (const f of outgoing.get(e) ?? []) follow(id, f, { splitFrom: e.$type } as Partial<WorkflowEdge>);
    if (e.$type === 'bpmn:BoundaryEvent') {
      const owner = nodeIdOf.get(e.attachedToRef as BpmnElement);
      if (owner === undefined) continue;
      const definition = ((e.eventDefinitions as BpmnElement[] | undefined) ?? [])[0];
      const timer = definition?.$type === 'bpmn:TimerEventDefinition';
      if (timer) {
        const seconds = isoSeconds((definition.timeDuration as BpmnElement | undefined)?.body);
        if (seconds !== undefined) byId.get(owner)!.timeoutSec = seconds;
      } else if (definition?.$type !== 'bpmn:ErrorEventDefinition') {
        losses.push({ code: 'boundary-event', element: e.id, message: `boundary ${definition?.$type.slice(5) ?? 'event'} on "${owner}" is read as an error edge` });
      }
      const code = (definition?.errorRef as BpmnElement | undefined)?.errorCode;
      for (const f of outgoing.get(e) ?? []) {
        follow(owner, f, { mode: timer ? 'timeout' : 'error', ...(typeof code === 'string' ? { errorCodes: [code] } : {}) });
      }
    }
  }
  for (const edge of edges) delete (edge as { splitFrom?: string }).splitFrom;

  const start = elements.find((e) => e.$type === 'bpmn:StartEvent' && e.$parent === process);
  const entryEdges: WorkflowEdge[] = [];
  if (start) for (const f of outgoing.get(start) ?? []) follow('#start', f, {});
  for (let i = edges.length - 1; i >= 0; i--) if (edges[i]!.from === '#start') entryEdges.push(...edges.splice(i, 1));
  const roles: string[] = [];
  for (const laneSet of (process.laneSets as BpmnElement[] | undefined) ?? []) {
    for (const lane of (laneSet.lanes as BpmnElement[] | undefined) ?? []) {
      const role = lane.name ?? lane.id!;
      roles.push(role);
      for (const ref of (lane.flowNodeRef as BpmnElement[] | undefined) ?? []) {
        const node = byId.get(nodeIdOf.get(ref) ?? '');
        if (node) node.role = role;
      }
    }
  }
  const workflow: Workflow = {
    style: 'edge-list', osopVersion: '1.1', id: options.id ?? String(process.id).replace(/^Process_/, ''), name: process.name as string ?? String(process.id),
    tags: ['imported', 'bpmn'], roles, nodes, edges, exitConditions: [], escalationPaths: [], failureModes: [], auditRequirements: [],
    triggers: [], jurisdiction: [], authLevels: [...DEFAULT_AUTH_LEVELS], inputs: [], extra: {},
  };
  if (entryEdges.length > 0) workflow.entryPoint = entryEdges[0]!.to;
  if (entryEdges.length > 1) losses.push({ code: 'start', message: `the start event leads to ${entryEdges.length} steps; "${workflow.entryPoint}" is the entry point` });
  return { value: workflow, losses };
}

function isAddedGateway(e: BpmnElement): boolean {
  return /Gateway$/.test(e.$type) && (e.id!.startsWith(SPLIT_PREFIX) || e.id!.startsWith(JOIN_PREFIX));
}

function edgeFrom(from: string, to: string, chain: BpmnElement[], splitType: string | undefined, join: boolean, base: Partial<WorkflowEdge>): WorkflowEdge {
  const described = chain.find((f) => f.$attrs?.['sopflow:mode'] !== undefined || f.conditionExpression !== undefined || f.name !== undefined);
  const attrMode = described?.$attrs?.['sopflow:mode'];
  const condition = (described?.conditionExpression as BpmnElement | undefined)?.body;
  const split = splitType ?? (base as { splitFrom?: string }).splitFrom;
  const choice = split === 'bpmn:ExclusiveGateway' || split === 'bpmn:InclusiveGateway' || split === 'bpmn:EventBasedGateway';
  let mode: EdgeMode = base.mode ?? (split === 'bpmn:ParallelGateway' ? 'parallel' : typeof condition === 'string' ? 'conditional' : choice ? 'weighted' : 'sequential');
  if (attrMode !== undefined) mode = attrMode as EdgeMode;
  const edge: WorkflowEdge = { from, to, mode, origin: 'edges', path: [], extra: {}, ...base };
  edge.mode = mode;
  if (typeof condition === 'string') edge.when = condition;
  if (mode === 'weighted' && attrMode === undefined) edge.weight = 1;
  if (typeof described?.name === 'string') edge.label = described.name;
  const extra = described?.$attrs?.['sopflow:extra'];
  if (extra !== undefined) Object.assign(edge, JSON.parse(extra) as Partial<WorkflowEdge>);
  else if (join && edge.joinMode === undefined) edge.joinMode = 'wait_all';
  return edge;
}

function isoSeconds(text: unknown): number | undefined {
  const match = typeof text === 'string' ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim()) : null;
  if (!match) return undefined;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}
