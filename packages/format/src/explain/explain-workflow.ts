import type { Workflow } from '../model/workflow.js';
import { printable } from '../render/ansi-style.js';
import { performerOf } from '../rules/performer-of.js';
import { stepOrder } from '../render/step-order.js';
import { explainControls } from './explain-controls.js';
import { explainFlow } from './explain-flow.js';
import { explainPeople } from './explain-people.js';
import { listText, namer, plural } from './explain-text.js';

/**
 * Pure and deterministic (no LLM); a plain-language summary of a workflow in markdown: what it is
 * for, who does what per role, which steps are automated, where approvals and escalations are,
 * what runs in parallel, decisions, loops, time limits, risks and how it ends.
 */
export function explainWorkflow(workflow: Workflow): string {
  const ordered = stepOrder(workflow);
  const lines: string[] = [`# ${printable(workflow.name)}`, ''];
  lines.push(workflow.description === undefined ? '_No description given._' : `**Purpose.** ${printable(workflow.description)}`);
  const facts: string[] = [];
  if (workflow.version !== undefined) facts.push(`version ${printable(workflow.version)}`);
  if (workflow.owner !== undefined) facts.push(`owned by ${printable(workflow.owner)}`);
  if (workflow.status !== undefined) facts.push(`status ${printable(workflow.status)}`);
  if (workflow.lifecycle !== undefined) facts.push(`lifecycle ${workflow.lifecycle}`);
  if (workflow.certificationStatus !== undefined) facts.push(`certification ${workflow.certificationStatus.replace(/_/g, ' ')}`);
  if (workflow.jurisdiction.length > 0) facts.push(`applies in ${listText(workflow.jurisdiction.map(printable))}`);
  if (facts.length > 0) lines.push('', `${capitalise(facts.join(', '))}.`);

  const count = { human: 0, agent: 0, system: 0 };
  for (const node of ordered) count[performerOf(node)]++;
  const split = [
    count.human > 0 ? `${count.human} done by people` : '',
    count.agent > 0 ? `${count.agent} by AI agents` : '',
    count.system > 0 ? `${count.system} by systems` : '',
  ].filter((s) => s !== '');
  const start = workflow.entryPoint ?? ordered[0]?.id;
  const startText = start === undefined ? '' : ` It starts at ${namer(workflow)(start)}`;
  const triggers = workflow.triggers.map((t) => t.type === 'cron' && typeof t.config?.schedule === 'string' ? `on the schedule ${t.config.schedule}` : `by ${t.type}`);
  const triggerText = triggers.length === 0 ? '' : `, started ${listText(triggers.map(printable))}`;
  lines.push('', `It has ${plural(ordered.length, 'step')}${split.length > 0 ? `: ${listText(split)}` : ''}.${startText}${triggerText}${startText === '' && triggerText === '' ? '' : '.'}`);

  if (workflow.inputs.length > 0) {
    const inputs = workflow.inputs.map((input) => {
      const type = input.type === undefined ? '' : ` (${printable(input.type)})`;
      const optional = input.required === false ? ', optional' : '';
      const what = input.description === undefined ? '' : ` — ${printable(input.description)}`;
      return `- \`${printable(input.name)}\`${type}${optional}${what}`;
    });
    lines.push('', '## What a run needs', '', ...inputs);
  }
  lines.push(...explainPeople(workflow, ordered));
  lines.push(...explainControls(workflow, ordered));
  lines.push(...explainFlow(workflow, ordered));
  return `${lines.join('\n')}\n`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
