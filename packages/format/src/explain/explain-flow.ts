import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { joinText } from '../render/edge-branches.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';
import { code, listText, namer, pushTo, section, stepName } from './explain-text.js';

/** Pure; "What runs in parallel", "Decisions", "Loops" and "How it ends". */
export function explainFlow(workflow: Workflow, ordered: readonly WorkflowNode[]): string[] {
  const name = namer(workflow);
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  for (const edge of workflow.edges) {
    pushTo(outgoing, edge.from, edge);
    if (edgeModeTraits(edge.mode).control) pushTo(incoming, edge.to, edge);
  }
  const parallel: string[] = [];
  const decisions: string[] = [];
  const loops: string[] = [];
  for (const n of ordered) {
    const out = outgoing.get(n.id) ?? [];
    const fan = out.filter((e) => e.mode === 'parallel');
    if (fan.length > 1) parallel.push(`- After ${stepName(n)}, ${listText(fan.map((e) => name(e.to)))} run at the same time.`);
    const spawn = out.filter((e) => e.mode === 'spawn');
    for (const e of spawn) parallel.push(`- ${stepName(n)} starts ${e.spawnCount === undefined ? 'child runs' : `${e.spawnCount} child runs`} of ${name(e.to)}.`);
    const into = incoming.get(n.id) ?? [];
    const join = into.find((e) => e.joinMode !== undefined);
    if (join !== undefined && into.length > 1) parallel.push(`- ${stepName(n)} waits for ${joinText(join)} of ${listText(into.map((e) => name(e.from)))}.`);

    const conditional = out.filter((e) => e.mode === 'conditional' && e.when !== undefined);
    if (conditional.length > 0) {
      decisions.push(`- After ${stepName(n)}: ${conditional.map((e) => `to ${name(e.to)} if ${code(e.when!)}`).join('; ')}.`);
    }
    for (const e of out.filter((x) => x.mode === 'switch')) {
      const cases = (e.cases ?? []).map((c) => `${JSON.stringify(c.value)} → ${name(c.to)}`);
      if (e.defaultTo !== undefined) cases.push(`otherwise → ${name(e.defaultTo)}`);
      decisions.push(`- At ${stepName(n)} the path depends on ${e.when === undefined ? 'a value' : code(e.when)}: ${cases.join('; ')}.`);
    }
    const weighted = out.filter((e) => e.mode === 'weighted');
    if (weighted.length > 0) {
      const total = weighted.reduce((sum, e) => sum + (e.weight ?? 0), 0);
      const shares = weighted.map((e) => `${name(e.to)} ${total > 0 ? Math.round(((e.weight ?? 0) / total) * 100) : 0}%`);
      decisions.push(`- After ${stepName(n)} runs are split: ${shares.join(', ')}.`);
    }
    for (const e of out.filter((x) => x.mode === 'event' || x.mode === 'signal')) {
      decisions.push(`- After ${stepName(n)} the process waits for ${e.event === undefined ? 'an outside event' : code(e.event)} before ${name(e.to)}.`);
    }
    for (const e of out.filter((x) => x.mode === 'loop')) {
      const bound = e.maxIterations === undefined ? '' : ` (at most ${e.maxIterations} times)`;
      const back = e.to === n.id ? `${stepName(n)} repeats` : `the work goes back from ${stepName(n)} to ${name(e.to)}`;
      if (e.forEach !== undefined) loops.push(`- For each ${e.iteratorVar ?? 'item'} in ${code(e.forEach)}, ${back}${bound}.`);
      else loops.push(`- ${capitalise(back)}${e.when === undefined ? '' : ` while ${code(e.when)}`}${bound}.`);
    }
  }
  const ends: string[] = [];
  for (const exit of workflow.exitConditions) {
    const at = exit.node === undefined ? 'It ends' : `It ends at ${name(exit.node)}`;
    const when = exit.when === undefined ? '' : ` when ${code(exit.when)}`;
    const outcome = exit.outcome ?? exit.description;
    ends.push(`- ${at}${when}${outcome === undefined ? '' : ` — ${outcome}`}.`);
  }
  if (ends.length === 0) {
    const last = ordered.filter((n) => (outgoing.get(n.id) ?? []).every((e) => !edgeModeTraits(e.mode).onSuccess));
    if (last.length > 0) ends.push(`- It ends after ${listText(last.map(stepName))}.`);
  }
  return [
    ...section('What runs in parallel', parallel),
    ...section('Decisions', decisions),
    ...section('Loops', loops),
    ...section('How it ends', ends),
  ];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
