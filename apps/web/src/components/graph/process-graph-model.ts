import {
  approvalRequirement, displayName, edgeBranches, edgeModeTraits, isHighRisk, joinText, lanesOf, performerOf,
  type EdgeMode, type Performer, type Workflow, type WorkflowEdge, type WorkflowNode,
} from '@sopflow/format';
import type { StepState } from '../../api/api-types';

/** How a step is drawn: decisions and events get their own shapes, the rest by who performs them. */
export type StepShape = 'decision' | 'event' | 'subprocess' | Performer;

/** One step as the graph shows it; every mark is also in words (`marks`), never colour alone. */
export interface GraphStep {
  id: string;
  name: string;
  /** The role whose lane holds the step (null: the "No role" lane). */
  role: string | null;
  lane: number;
  shape: StepShape;
  performer: Performer;
  /** "Approval gate: release-manager", "Review of the agent's proposal", or null. */
  approval: string | null;
  /** The declared risk level, as written, or null. */
  risk: string | null;
  highRisk: boolean;
  /** Two or more branches leave it side by side. */
  fork: boolean;
  /** "Join: waits for all" (any, 2 of them) where branches meet under a declared join, else null. */
  join: string | null;
  /** Its live state in the latest run, when the caller knows it. */
  state: StepState | null;
}

/** How a connection is drawn: the main flow, side by side, an exclusive choice, a failure path, or data only. */
export type LinkKind = 'flow' | 'parallel' | 'choice' | 'failure' | 'data';

/** One connection (a switch edge gives one per case); `label` says when it is taken. */
export interface GraphLink {
  id: string;
  from: string;
  to: string;
  mode: EdgeMode;
  kind: LinkKind;
  label: string | null;
}

/** A workflow made ready to draw: steps with their lanes and marks, links, and lane names. */
export interface ProcessGraphModel {
  steps: GraphStep[];
  links: GraphLink[];
  /** One lane per role in order of first appearance; "No role" last when some step has none. */
  lanes: string[];
  /** Links whose end names no step (an unfinished draft), as "from → to". */
  dangling: string[];
}

export const NO_ROLE_LANE = 'No role';

/**
 * Pure; the graph of a workflow (the format package's model, the JSON form of a version) with
 * the live state of each step from `stepStates`. Lanes, branches, approval and risk come from
 * the format package's rules, the same ones the engine and the Mermaid/DOT renderers use.
 */
export function processGraphModel(workflow: Workflow, stepStates: Readonly<Record<string, StepState>> = {}): ProcessGraphModel {
  const nodes = uniqueNodes(workflow.nodes);
  const known = new Set(nodes.map((n) => n.id));
  const laneNames = lanesOf(nodes);
  const links: GraphLink[] = [];
  const dangling: string[] = [];
  for (const edge of workflow.edges) {
    for (const branch of edgeBranches(edge)) {
      if (!known.has(branch.from) || !known.has(branch.to)) { dangling.push(`${branch.from} → ${branch.to}`); continue; }
      links.push({ id: `e${links.length}`, from: branch.from, to: branch.to, mode: branch.mode, kind: linkKind(branch.mode), label: branch.label ?? null });
    }
  }
  const steps = nodes.map((node): GraphStep => {
    const lane = laneNames.indexOf(hasRole(node) ? node.role : undefined);
    const outgoing = links.filter((l) => l.from === node.id);
    return {
      id: node.id,
      name: displayName(node),
      role: hasRole(node) ? node.role : null,
      lane,
      shape: shapeOf(node, outgoing),
      performer: performerOf(node),
      approval: approvalText(node),
      risk: node.riskLevel ?? null,
      highRisk: isHighRisk(node),
      fork: outgoing.filter((l) => l.kind === 'parallel').length >= 2,
      join: joinOf(node.id, workflow.edges, links),
      state: stepStates[node.id] ?? null,
    };
  });
  return { steps, links, lanes: laneNames.map((l) => l ?? NO_ROLE_LANE), dangling };
}

/** Pure; the step described in one sentence for screen readers: name, performer, lane and every mark. */
export function describeStep(step: GraphStep): string {
  const parts = [step.name, `${step.performer} step`, step.role === null ? 'no role' : `role ${step.role}`];
  if (step.shape === 'decision') parts.push('decision');
  if (step.approval !== null) parts.push(step.approval);
  if (step.risk !== null) parts.push(`risk ${step.risk}`);
  if (step.fork) parts.push('branches run in parallel from here');
  if (step.join !== null) parts.push(step.join);
  if (step.state !== null) parts.push(step.state === 'now' ? 'running now' : step.state);
  return parts.join(', ');
}

function uniqueNodes(nodes: readonly WorkflowNode[]): WorkflowNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => (seen.has(n.id) ? false : (seen.add(n.id), true)));
}

function hasRole(node: WorkflowNode): node is WorkflowNode & { role: string } {
  return node.role !== undefined && node.role.trim() !== '';
}

function linkKind(mode: EdgeMode): LinkKind {
  const traits = edgeModeTraits(mode);
  if (!traits.control) return 'data';
  if (traits.failurePath) return 'failure';
  if (traits.fanOut) return 'parallel';
  if (traits.choice) return 'choice';
  return 'flow';
}

function shapeOf(node: WorkflowNode, outgoing: readonly GraphLink[]): StepShape {
  if (node.type === 'gateway' || node.kind === 'decision' || outgoing.some((l) => l.kind === 'choice')) return 'decision';
  if (node.type === 'event') return 'event';
  if (node.workflowRef !== undefined) return 'subprocess';
  return performerOf(node);
}

function approvalText(node: WorkflowNode): string | null {
  const rule = approvalRequirement(node);
  if (!rule.required) return null;
  if (!rule.beforeStep) return 'Review of the agent’s proposal';
  const who = rule.approverRole ?? rule.approvers?.join(', ') ?? rule.authLevel;
  return who === undefined ? 'Approval gate' : `Approval gate: ${who}`;
}

/** Where two or more branches meet and the author declared how the step waits for them ("Join: waits for all"). */
function joinOf(id: string, edges: readonly WorkflowEdge[], links: readonly GraphLink[]): string | null {
  if (links.filter((l) => l.to === id && l.kind !== 'failure' && l.kind !== 'data').length < 2) return null;
  const declared = edges.find((e) => e.to === id && e.joinMode !== undefined);
  return declared === undefined ? null : `Join: waits for ${joinText(declared)}`;
}
