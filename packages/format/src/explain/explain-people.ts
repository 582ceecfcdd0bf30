import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { printable } from '../render/ansi-style.js';
import { isPersonType, performerOf } from '../rules/performer-of.js';
import { code, listText, plural, pushTo, section, stepName } from './explain-text.js';

const PERFORMER_WORD = { human: 'person', agent: 'AI agent', system: 'system' } as const;

/** Pure; "Who does what" (per role) and "Automated and human steps" (per performer, delegation). */
export function explainPeople(workflow: Workflow, ordered: readonly WorkflowNode[]): string[] {
  const byRole = new Map<string, WorkflowNode[]>();
  const unassigned: WorkflowNode[] = [];
  for (const node of ordered) {
    if (node.role === undefined || node.role.trim() === '') unassigned.push(node);
    else pushTo(byRole, node.role, node);
  }
  const roleLines: string[] = [];
  const describe = (nodes: readonly WorkflowNode[]): string =>
    nodes.map((n) => `${stepName(n)} (${PERFORMER_WORD[performerOf(n)]})`).join(', ');
  for (const [role, nodes] of byRole) roleLines.push(`- **${printable(role)}** — ${plural(nodes.length, 'step')}: ${describe(nodes)}.`);
  if (unassigned.length > 0 && byRole.size > 0) roleLines.push(`- **No role given** — ${plural(unassigned.length, 'step')}: ${describe(unassigned)}.`);
  const declaredOnly = workflow.roles.filter((r) => !byRole.has(r));
  if (declaredOnly.length > 0) roleLines.push(`- Declared roles with no step of their own: ${listText(declaredOnly.map(printable))}.`);

  const human = ordered.filter((n) => performerOf(n) === 'human');
  const agent = ordered.filter((n) => performerOf(n) === 'agent');
  const system = ordered.filter((n) => performerOf(n) === 'system');
  const automation: string[] = [];
  if (human.length > 0) automation.push(`- Done by people (${human.length}): ${listText(human.map(stepName))}.`);
  if (agent.length > 0) {
    const gated = agent.filter((n) => n.confidenceRequirement !== undefined);
    automation.push(`- Done by AI agents (${agent.length}): ${listText(agent.map(stepName))}.`);
    for (const n of gated) {
      automation.push(`  - ${stepName(n)} must be at least ${Math.round(n.confidenceRequirement! * 100)}% confident; below that it is handed to a person.`);
    }
  }
  if (system.length > 0) {
    const kinds = [...new Set(system.map((n) => n.type))];
    automation.push(`- Done by systems (${system.length}, ${listText(kinds)}): ${listText(system.map(stepName))}.`);
  }
  for (const n of ordered) {
    if (isPersonType(n.type) && n.delegationState !== undefined && n.delegationState !== 'human_only') {
      automation.push(`- ${stepName(n)} is marked ${n.delegationState.replace(/_/g, ' ')}, but it is a ${n.type} step: a person does it.`);
    } else switch (n.delegationState) {
      case 'trialing':
        automation.push(`- ${stepName(n)} is being trialled: a person does it while an agent works in the shadow and the two are compared.`);
        break;
      case 'agent_supervised':
        automation.push(`- ${stepName(n)} is delegated to an agent under supervision: a person approves what the agent does.`);
        break;
      case 'agent_autonomous':
        automation.push(`- ${stepName(n)} is delegated to an agent that acts on its own (its confidence gate still applies).`);
        break;
      case 'human_only':
      case undefined:
        break;
    }
    if (n.workflowRef !== undefined) automation.push(`- ${stepName(n)} runs another workflow, ${code(n.workflowRef)}.`);
  }
  return [...section('Who does what', roleLines), ...section('Automated and human steps', automation)];
}
