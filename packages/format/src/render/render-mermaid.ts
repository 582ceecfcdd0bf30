import type { EdgeMode } from '../model/edge-mode.js';
import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { edgeBranches } from './edge-branches.js';
import { displayName, lanesOf, nodeFacts } from './node-facts.js';
import { needsApproval } from '../rules/approval-requirement.js';
import { isHighRisk } from '../rules/is-high-risk.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';
import { performerOf } from '../rules/performer-of.js';

/**
 * Pure; a Mermaid flowchart of the workflow: one subgraph per role (swimlane), node shapes by
 * performer (human rounded, agent stadium, system box, decision rhombus, event circle,
 * sub-workflow subroutine), thick arrows for parallel, dotted for failure paths and data,
 * approval gates and high risk as classes. Ids are generated (`n0`, `n1`, …) and every label is
 * escaped, so any id or name is safe.
 */
export function renderMermaid(workflow: Workflow): string {
  const lines: string[] = ['flowchart TD'];
  lines.push(`  %% ${comment(workflow.name)} (${comment(workflow.id)})`);
  const ids = new Map<string, string>();
  const unique: WorkflowNode[] = [];
  for (const node of workflow.nodes) {
    if (ids.has(node.id)) continue;
    ids.set(node.id, `n${ids.size}`);
    unique.push(node);
  }
  const missing = new Map<string, string>();
  const ref = (id: string): string => {
    const known = ids.get(id) ?? missing.get(id);
    if (known !== undefined) return known;
    const made = `missing${missing.size}`;
    missing.set(id, made);
    return made;
  };
  const lanes = lanesOf(unique);
  const useLanes = lanes.some((l) => l !== undefined);
  lanes.forEach((lane, i) => {
    const members = unique.filter((n) => (n.role === undefined || n.role.trim() === '' ? undefined : n.role) === lane);
    const indent = useLanes && lane !== undefined ? '    ' : '  ';
    if (useLanes && lane !== undefined) lines.push(`  subgraph lane${i}["${mermaidText(lane)}"]`);
    for (const node of members) lines.push(`${indent}${ids.get(node.id)!}${shape(node)}`);
    if (useLanes && lane !== undefined) lines.push('  end');
  });
  for (const edge of workflow.edges) {
    for (const branch of edgeBranches(edge)) {
      const arrow = arrowFor(branch.mode);
      const label = branch.label === undefined ? '' : `|"${mermaidText(branch.label)}"|`;
      lines.push(`  ${ref(branch.from)} ${arrow}${label} ${ref(branch.to)}`);
    }
  }
  for (const [id, made] of missing) lines.push(`  ${made}["${mermaidText(`${id} (missing)`)}"]:::missing`);
  lines.push(
    '  classDef human fill:#e3f2fd,stroke:#1565c0',
    '  classDef agent fill:#f3e5f5,stroke:#6a1b9a',
    '  classDef system fill:#eeeeee,stroke:#424242',
    '  classDef approval stroke:#2e7d32,stroke-width:3px',
    '  classDef risk stroke:#c62828,stroke-width:3px,stroke-dasharray:4 2',
    '  classDef missing fill:#ffebee,stroke:#c62828,stroke-dasharray:3 3',
  );
  for (const performer of ['human', 'agent', 'system'] as const) {
    const members = unique.filter((n) => performerOf(n) === performer).map((n) => ids.get(n.id)!);
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${performer}`);
  }
  const approvals = unique.filter(needsApproval).map((n) => ids.get(n.id)!);
  if (approvals.length > 0) lines.push(`  class ${approvals.join(',')} approval`);
  const risky = unique.filter(isHighRisk).map((n) => ids.get(n.id)!);
  if (risky.length > 0) lines.push(`  class ${risky.join(',')} risk`);
  return `${lines.join('\n')}\n`;
}

function shape(node: WorkflowNode): string {
  const text = `"${mermaidText(displayName(node))}<br/><small>${mermaidText(nodeFacts(node).join(' · '))}</small>"`;
  if (node.workflowRef !== undefined) return `[[${text}]]`;
  if (node.type === 'event') return `((${text}))`;
  if (node.type === 'gateway' || node.kind === 'decision') return `{${text}}`;
  switch (performerOf(node)) {
    case 'human': return `(${text})`;
    case 'agent': return `([${text}])`;
    case 'system': return `[${text}]`;
  }
}

function arrowFor(mode: EdgeMode): string {
  if (mode === 'parallel' || mode === 'spawn') return '==>';
  const traits = edgeModeTraits(mode);
  if (traits.failurePath || !traits.control) return '-.->';
  return '-->';
}

/** Pure; text safe inside a quoted Mermaid label: entity codes for # " < > & ` and line breaks as <br/>. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#34;')
    .replace(/</g, '#60;')
    .replace(/>/g, '#62;')
    .replace(/`/g, '#96;')
    .replace(/\r?\n/g, '<br/>');
}

function comment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/%%/g, '%');
}
