import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { createAnsiStyle, printable, type AnsiStyle } from './ansi-style.js';
import { edgeBranches, joinText, type EdgeBranch } from './edge-branches.js';
import { formatDuration } from './format-duration.js';
import { displayName, lanesOf } from './node-facts.js';
import { needsApproval } from '../rules/approval-requirement.js';
import { isHighRisk } from '../rules/is-high-risk.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';
import { performerOf } from '../rules/performer-of.js';
import { stepOrder } from './step-order.js';

export interface OutlineOptions {
  /** ANSI colours; off by default (callers turn it on for a TTY). */
  color?: boolean;
}

const MARKER = { human: '[H]', agent: '[A]', system: '[S]' } as const;
const ARROW: Partial<Record<string, string>> = {
  parallel: '⇉', loop: '↻', fallback: '↯', error: '✗', timeout: '⏱', compensation: '↶', dataflow: '⋯', spawn: '⇶',
};

/**
 * Pure; a terminal outline of the workflow grouped by role (one lane per role, steps numbered in
 * reading order across lanes): [H] human, [A] agent, [S] system steps; approval gates, auth level,
 * risk, timeouts, SLAs and confidence gates; then each step's branches — conditions, parallel
 * fan-outs and joins, loops, switches, failure and timeout paths, escalations.
 */
export function renderOutline(workflow: Workflow, options: OutlineOptions = {}): string {
  const style = createAnsiStyle(options.color === true);
  const ordered = stepOrder(workflow);
  const number = new Map(ordered.map((n, i) => [n.id, i + 1]));
  const branches = new Map<string, EdgeBranch[]>();
  for (const edge of workflow.edges) {
    for (const branch of edgeBranches(edge)) {
      const list = branches.get(branch.from);
      if (list === undefined) branches.set(branch.from, [branch]);
      else list.push(branch);
    }
  }
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const edge of workflow.edges) {
    if (!edgeModeTraits(edge.mode).control) continue;
    const list = incoming.get(edge.to);
    if (list === undefined) incoming.set(edge.to, [edge]);
    else list.push(edge);
  }
  const lines: string[] = [];
  const version = workflow.version === undefined ? '' : ` v${printable(workflow.version)}`;
  lines.push(style.bold(`${printable(workflow.name)}${version}`) + style.dim(` (${printable(workflow.id)})`));
  if (workflow.description !== undefined) lines.push(style.dim(printable(workflow.description)));
  const summary = [`${ordered.length} steps`, `${workflow.edges.length} edges`];
  if (workflow.entryPoint !== undefined) summary.push(`starts at ${printable(workflow.entryPoint)}`);
  if (workflow.timeoutSec !== undefined) summary.push(`time limit ${formatDuration(workflow.timeoutSec)}`);
  lines.push(style.dim(summary.join(' · ')));
  lines.push(style.dim('Legend: [H] human  [A] agent  [S] system  ✔ approval  ! risk  ⏱ timeout'));

  for (const lane of lanesOf(ordered)) {
    const members = ordered.filter((n) => laneOf(n) === lane);
    lines.push('');
    lines.push(style.bold(style.cyan(`── ${lane === undefined ? '(no role)' : printable(lane)} ${'─'.repeat(Math.max(3, 40 - (lane ?? '(no role)').length))}`)));
    for (const node of members) {
      lines.push(`  ${stepLine(node, number.get(node.id)!, style)}`);
      const into = incoming.get(node.id) ?? [];
      for (const detail of details(node, number, branches.get(node.id) ?? [], into, style)) lines.push(`       ${detail}`);
    }
  }
  const exits = workflow.exitConditions.filter((e) => e.node !== undefined || e.when !== undefined);
  if (exits.length > 0) {
    lines.push('');
    lines.push(style.bold('Exits'));
    for (const exit of exits) {
      const at = exit.node === undefined ? '' : `at ${ref(exit.node, number)}`;
      const when = exit.when === undefined ? '' : ` when ${exit.when}`;
      const outcome = exit.outcome === undefined ? '' : ` → ${exit.outcome}`;
      lines.push(`  ■ ${printable(`${at}${when}${outcome}`.trim())}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function laneOf(node: WorkflowNode): string | undefined {
  return node.role === undefined || node.role.trim() === '' ? undefined : node.role;
}

function stepLine(node: WorkflowNode, n: number, style: AnsiStyle): string {
  const performer = performerOf(node);
  const marker = performer === 'human' ? style.blue(MARKER.human) : performer === 'agent' ? style.magenta(MARKER.agent) : style.dim(MARKER.system);
  const name = printable(displayName(node));
  const parts = [`${String(n).padStart(2)}. ${marker} ${style.bold(name)}${name === node.id ? '' : style.dim(` (${printable(node.id)})`)}`];
  const badges: string[] = [];
  if (needsApproval(node)) {
    const who = node.approvalGate?.approverRole ?? node.approvalGate?.approvers?.join('/');
    badges.push(style.green(`✔ approval${who === undefined ? '' : ` by ${printable(who)}`}`));
  }
  if (node.authLevel !== undefined) badges.push(style.green(`auth ≥ ${printable(node.authLevel)}`));
  if (node.riskLevel !== undefined) badges.push(isHighRisk(node) ? style.red(`! risk ${node.riskLevel}`) : style.yellow(`risk ${printable(node.riskLevel)}`));
  if (node.timeoutSec !== undefined) badges.push(style.yellow(`⏱ ${formatDuration(node.timeoutSec)}`));
  if (node.sla?.dueSec !== undefined) badges.push(style.yellow(`SLA ${formatDuration(node.sla.dueSec)}`));
  if (node.confidenceRequirement !== undefined) badges.push(`confidence ≥ ${node.confidenceRequirement}`);
  if (node.delegationState !== undefined) badges.push(style.dim(node.delegationState.replace(/_/g, ' ')));
  if (node.runtime?.shell === true) badges.push(style.red('! shell'));
  if (node.workflowRef !== undefined) badges.push(`runs ${printable(node.workflowRef)}`);
  return badges.length === 0 ? parts[0]! : `${parts[0]!}  ${badges.join('  ')}`;
}

function details(node: WorkflowNode, number: ReadonlyMap<string, number>, out: readonly EdgeBranch[], into: readonly WorkflowEdge[], style: AnsiStyle): string[] {
  const lines: string[] = [];
  const join = into.find((e) => e.joinMode !== undefined);
  if (join !== undefined) {
    lines.push(style.cyan(`⇇ waits for ${joinText(join)} of: ${into.map((e) => ref(e.from, number)).join(', ')}`));
  }
  const parallel = out.filter((b) => b.mode === 'parallel');
  if (parallel.length > 1) {
    lines.push(style.cyan(`⇉ in parallel: ${parallel.map((b) => ref(b.to, number)).join(', ')}`));
  }
  for (const branch of out) {
    if (branch.mode === 'parallel' && parallel.length > 1) continue;
    const arrow = ARROW[branch.mode] ?? (branch.label === undefined ? '' : '?');
    const lead = [arrow, branch.label === undefined ? '' : printable(branch.label)].filter((p) => p !== '').join(' ');
    const text = `${lead === '' ? '' : `${lead} `}→ ${ref(branch.to, number)}`;
    const failure = edgeModeTraits(branch.mode);
    lines.push(failure.failurePath && !failure.undo ? style.red(text) : text);
  }
  if (node.onFailure?.node === undefined && node.onFailure?.role !== undefined) lines.push(style.red(`✗ on failure → escalate to ${printable(node.onFailure.role)}`));
  if (node.onTimeout?.node === undefined && node.onTimeout?.role !== undefined) lines.push(style.red(`⏱ on timeout → escalate to ${printable(node.onTimeout.role)}`));
  for (const mode of node.failureModes) {
    if (mode.goto === undefined && mode.mitigation === undefined) continue;
    const what = printable(mode.code ?? mode.id ?? mode.description ?? 'failure');
    const then = mode.goto !== undefined ? `→ ${ref(mode.goto, number)}` : printable(mode.mitigation!);
    lines.push(style.red(`✗ ${what} ${then}`));
  }
  return lines;
}

function ref(id: string, number: ReadonlyMap<string, number>): string {
  const n = number.get(id);
  return n === undefined ? `${printable(id)} (missing)` : `${n}. ${printable(id)}`;
}
