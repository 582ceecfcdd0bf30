import type { ImportedDecision, ImportedSop, ImportedStep } from '../import-result.js';
import type { Block } from '../tree/doc-tree.js';
import { finishDecisions, readStepFlow, stepSentences, type StepRef } from './decisions.js';
import { skipBranches } from './optional-steps.js';
import { isPlaceholder, isPlaceholderTitle } from './placeholders.js';
import { bestTitle } from './prose-conditionals.js';
import { renderText } from './render-text.js';
import { cleanRole, performersInText, rolesInText, uniqueRoles } from './roles.js';
import { roleFields } from './role-fields.js';
import { readAttributeTable } from './step-attributes.js';
import { slugify, type Candidate, type StepDraft } from './step-draft.js';
import { extractTimers } from './timers.js';

/**
 * Pure; turns a found procedure into an imported SOP: attribute tables read into role/inputs/
 * outputs, descriptions rendered, decisions resolved to sequence_order (or "end"), timers found,
 * placeholders flagged. `docRoles` come from a Responsibilities section.
 */
export function buildSop(candidate: Candidate, title: string, docRoles: string[]): ImportedSop {
  const warnings: string[] = [];
  const drafts = candidate.steps;
  const bodies: Block[][] = drafts.map((d) => d.body.filter((b) => !(b.type === 'table' && readAttributeTable(b, d.attrs))));
  const parents: (number | undefined)[] = drafts.map((d, i) => {
    for (let j = i - 1; j >= 0; j--) if (drafts[j].depth < d.depth) return j + 1;
    return undefined;
  });
  const steps: ImportedStep[] = drafts.map((d, i) => {
    const description = [d.lead, renderText(bodies[i])].filter(Boolean).join('\n').slice(0, 4000);
    const text = [d.from === 'heading' ? '' : `${d.titleText ?? d.title}.`, d.lead, renderText(bodies[i]), d.attrs.when ?? ''].join('\n');
    const step: ImportedStep = {
      title: d.title,
      description,
      sequence_order: i + 1,
      decisions: [],
      timers: extractTimers(text),
      source: { ...d.source, from: d.from },
    };
    // Whom a step addresses ("Notify the duty manager") does not do it: only a field, a subject or "As the X" names its performer.
    const role = d.attrs.who[0] ? cleanRole(d.attrs.who[0]) : roleFields(text)[0] ?? performersInText(text)[0];
    if (role) step.role = role;
    const label = d.attrs.stepId && !d.label ? d.attrs.stepId : d.label;
    if (label) step.label = label;
    if (parents[i] !== undefined) step.parent = parents[i];
    if (d.attrs.inputs.length > 0) step.inputs = d.attrs.inputs;
    if (d.attrs.outputs.length > 0) step.outputs = d.attrs.outputs;
    const placeholderBody = d.from === 'heading' ? isPlaceholder(description) && !drafts.some((x, j) => parents[j] === i + 1) : d.lead !== '' && isPlaceholder(d.lead);
    if (placeholderBody || isPlaceholderTitle(d.title)) step.incomplete = true;
    return step;
  });
  // A sub-step of a step someone does ("3. The IT team performs the following:" → "a. Collect logs") is theirs too.
  steps.forEach((s) => { if (!s.role && s.parent !== undefined && steps[s.parent - 1].role) s.role = steps[s.parent - 1].role; });
  const titles = drafts.map((d) => d.title);
  drafts.forEach((d, i) => {
    // A one-sentence item ("If X, continue with step 5.") is all title: its sentence is read too.
    const own = d.from === 'heading' ? d.lead : [d.titleText ?? d.title, d.lead].filter(Boolean).join('\n');
    const { branches, actions } = readStepFlow(stepSentences(own, bodies[i]), titles.filter((_, j) => j !== i));
    const decisions: ImportedDecision[] = [];
    for (const b of branches) {
      const goto = b.target === 'end' ? 'end' : resolve(b.target, i, drafts);
      if (goto === undefined) {
        warnings.push(`step ${i + 1} ("${d.title}") refers to ${describe(b.target)}, which is not a step of this procedure`);
        // The condition is still the reviewer's to see: kept as what the step does under it.
        if (b.when !== 'always') actions.push({ when: b.when, action: `Go to ${describe(b.target)}` });
        continue;
      }
      // "Move to Phase IV, Recovery" just before Recovery's first step is the sequence, not a choice.
      if (b.when === 'always' && goto === i + 2) continue;
      decisions.push({ when: b.when, goto });
    }
    if (actions.length > 0) steps[i].conditionalActions = actions;
    for (const f of d.fixedBranches ?? []) decisions.push({ when: f.when, goto: f.target === 'end' ? 'end' : f.target + 1 });
    steps[i].decisions = finishDecisions(decisions, i + 1);
  });
  for (const { from, decision } of skipBranches(drafts)) steps[from].decisions = finishDecisions([...steps[from].decisions, decision], from + 1);
  const incomplete = steps.filter((s) => s.incomplete).length;
  if (incomplete > 0) warnings.push(`${incomplete} of ${steps.length} steps have placeholder or empty bodies (TBD, Lorem ipsum, [describe], …) and are marked incomplete`);
  const roles = uniqueRoles([...docRoles, ...steps.flatMap((s, i) => [...drafts[i].attrs.who, ...(s.role ? [s.role] : []), ...rolesInText(`${s.title}.\n${s.description}`)])]);
  return { title, roles, steps, notes: [], warnings };
}

function resolve(ref: StepRef | 'end', self: number, drafts: StepDraft[]): number | 'end' | undefined {
  if (ref === 'end') return 'end';
  switch (ref.kind) {
    case 'next': return self + 1 < drafts.length ? self + 2 : 'end';
    case 'self': return self + 1;
    case 'title': {
      const j = drafts.findIndex((d) => d.title === ref.title);
      return j >= 0 ? j + 1 : undefined;
    }
    case 'anchor': {
      const j = drafts.findIndex((d) => d.anchors.includes(ref.anchor) || d.anchors.includes(slugify(ref.title)));
      return j >= 0 ? j + 1 : undefined;
    }
    case 'part': {
      const j = drafts.findIndex((d) => d.opens?.some((o) => o.number === ref.number));
      if (j >= 0) return j + 1;
      const title = ref.title ? bestTitle(ref.title, drafts.flatMap((d) => d.opens?.map((o) => o.title) ?? []), 0.6) : undefined;
      const k = title ? drafts.findIndex((d) => d.opens?.some((o) => o.title === title)) : -1;
      if (k >= 0) return k + 1;
      return /^\d+$/.test(ref.number) ? resolve({ kind: 'label', label: ref.number }, self, drafts) : undefined;
    }
    case 'label': {
      if (ref.anchor) {
        const j = drafts.findIndex((d) => d.anchors.includes(ref.anchor!));
        if (j >= 0) return j + 1;
      }
      const byId = drafts.findIndex((d) => d.attrs.stepId === ref.label);
      if (byId >= 0) return byId + 1;
      const byLabel = drafts.findIndex((d) => d.label === ref.label);
      if (byLabel >= 0) return byLabel + 1;
      // "Proceed to 3.2": the first step of the numbered section 3.2 of a procedure told in parts.
      const bySection = ref.label.includes('.') ? drafts.findIndex((d) => d.opens?.some((o) => o.number === ref.label)) : -1;
      if (bySection >= 0) return bySection + 1;
      const n = Number(ref.label);
      const top = drafts.map((d, j) => ({ d, j })).filter((x) => x.d.depth === 0);
      if (Number.isInteger(n) && n >= 1 && n <= top.length) return top[n - 1].j + 1;
      return undefined;
    }
  }
}

function describe(ref: StepRef | 'end'): string {
  if (ref === 'end') return 'the end';
  if (ref.kind === 'part') return `part ${ref.number}${ref.title ? ` ("${ref.title}")` : ''}`;
  if (ref.kind === 'self') return 'this step';
  return ref.kind === 'label' ? `step ${ref.label}` : ref.kind === 'next' ? 'the next step' : ref.kind === 'anchor' ? `"${ref.title}" (#${ref.anchor})` : `"${ref.title}"`;
}
