import type { EdgeMode } from '../model/edge-mode.js';
import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { edgeBranches } from './edge-branches.js';
import { displayName, lanesOf, nodeFacts } from './node-facts.js';
import { needsApproval } from '../rules/approval-requirement.js';
import { isHighRisk } from '../rules/is-high-risk.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';
import { performerOf } from '../rules/performer-of.js';

const FILL = { human: '#e3f2fd', agent: '#f3e5f5', system: '#eeeeee' } as const;

/**
 * Pure; a Graphviz DOT digraph of the workflow: one `cluster_` subgraph per role (swimlane),
 * fill colour by performer, bold green border for approval gates, red for high risk, diamonds
 * for decisions, dashed edges for failure paths. Every id and label is quoted and escaped.
 */
export function renderDot(workflow: Workflow): string {
  const lines: string[] = [`digraph ${dotString(workflow.id)} {`];
  lines.push(`  graph [rankdir=TB, label=${dotString(workflow.name)}, labelloc=t, fontname="Helvetica"];`);
  lines.push('  node [fontname="Helvetica", shape=box, style="rounded,filled"];');
  lines.push('  edge [fontname="Helvetica", fontsize=10];');
  const seen = new Set<string>();
  const unique: WorkflowNode[] = [];
  for (const node of workflow.nodes) {
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    unique.push(node);
  }
  lanesOf(unique).forEach((lane, i) => {
    const members = unique.filter((n) => (n.role === undefined || n.role.trim() === '' ? undefined : n.role) === lane);
    if (lane === undefined) {
      for (const node of members) lines.push(`  ${nodeStatement(node)}`);
      return;
    }
    lines.push(`  subgraph ${dotString(`cluster_${i}`)} {`);
    lines.push(`    graph [label=${dotString(lane)}, style="rounded,dashed", color="#9e9e9e"];`);
    for (const node of members) lines.push(`    ${nodeStatement(node)}`);
    lines.push('  }');
  });
  const missing = new Set<string>();
  for (const edge of workflow.edges) {
    for (const branch of edgeBranches(edge)) {
      for (const end of [branch.from, branch.to]) if (!seen.has(end)) missing.add(end);
      const attributes = [...edgeStyle(branch.mode)];
      if (branch.label !== undefined) attributes.unshift(`label=${dotString(branch.label)}`);
      const list = attributes.length === 0 ? '' : ` [${attributes.join(', ')}]`;
      lines.push(`  ${dotString(branch.from)} -> ${dotString(branch.to)}${list};`);
    }
  }
  for (const id of missing) {
    lines.push(`  ${dotString(id)} [label=${dotString(`${id}\n(missing)`)}, style=dashed, color="#c62828", fontcolor="#c62828"];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeStatement(node: WorkflowNode): string {
  const attributes = [
    `label=${dotString(`${displayName(node)}\n${nodeFacts(node).join(' · ')}`)}`,
    `fillcolor=${dotString(FILL[performerOf(node)])}`,
  ];
  if (node.type === 'gateway' || node.kind === 'decision') attributes.push('shape=diamond', 'style=filled');
  else if (node.type === 'event') attributes.push('shape=circle', 'style=filled');
  else if (node.workflowRef !== undefined) attributes.push('peripheries=2');
  if (isHighRisk(node)) attributes.push('color="#c62828"', 'penwidth=2');
  else if (needsApproval(node)) attributes.push('color="#2e7d32"', 'penwidth=2');
  return `${dotString(node.id)} [${attributes.join(', ')}];`;
}

function edgeStyle(mode: EdgeMode): string[] {
  if (mode === 'parallel' || mode === 'spawn') return ['penwidth=2'];
  const traits = edgeModeTraits(mode);
  if (traits.undo) return ['style=dashed', 'color="#ef6c00"'];
  if (traits.failurePath) return ['style=dashed', 'color="#c62828"'];
  if (!traits.control) return ['style=dotted', 'arrowhead=empty'];
  if (mode === 'loop') return ['color="#1565c0"'];
  return [];
}

/** Pure; a DOT double-quoted string: backslashes and quotes escaped, line breaks as \n. */
export function dotString(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n');
  return `"${escaped}"`;
}
