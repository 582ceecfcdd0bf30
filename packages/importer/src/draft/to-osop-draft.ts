import { stringify } from 'yaml';
import type { ImportedDecision, ImportedSop, ImportedStep, ImportedTimer } from '../import-result.js';
import { timerSeconds } from '../extract/timers.js';

/** Facts about the source document recorded in the draft's metadata. */
export interface DraftMeta {
  fileName: string;
  sha256: string;
  format?: string;
  pageCount?: number;
  /** ISO time of the import; omitted when not given (the function reads no clock). */
  importedAt?: string;
}

const MAX_LOOP_ITERATIONS = 10;

/**
 * Pure; YAML text of a draft `.osop` for one imported SOP: status/lifecycle draft, one human node
 * per step in order (`sequence_order`, role, `delegation_state: human_only`, deadline as
 * `timeout_sec` + `sla`, a source pointer), sequential edges, decisions as conditional edges on
 * the step's `outcome` output, jumps back as bounded loop edges, terminal outcomes as
 * `exit_conditions`, recurrences as routine suggestions, and the source document's name and sha256.
 */
export function toOsopDraft(sop: ImportedSop, meta: DraftMeta): string {
  const id = (n: number) => `step_${n}`;
  const nodes = sop.steps.map((step) => node(step, id));
  const edges: Record<string, unknown>[] = [];
  const exits: Record<string, unknown>[] = [];
  const last = sop.steps.length;
  for (const step of sop.steps) {
    const from = id(step.sequence_order);
    const decisions = step.decisions;
    const conditional = decisions.filter((d) => d.when !== 'always');
    for (const d of decisions) {
      if (d.goto === 'end') {
        exits.push({ node: from, outcome: outcomeValue(d), description: d.when === 'always' ? `the procedure ends after "${step.title}"` : `ends when ${d.when}` });
        continue;
      }
      edges.push(edge(from, id(d.goto), d, conditional.length > 0 && d.when !== 'always'));
    }
    const ends = decisions.some((d) => d.goto === 'end' && d.when === 'always');
    const jumps = decisions.some((d) => d.when === 'always' && d.goto !== 'end');
    const coversNext = decisions.some((d) => d.goto === step.sequence_order + 1);
    const next = nextOnMainLine(sop.steps, step.sequence_order);
    if (!ends && !jumps && !coversNext && next !== undefined) edges.push({ from, to: id(next), mode: 'sequential' });
    if (step.sequence_order === last && decisions.length === 0) exits.push({ node: from, outcome: 'completed', description: 'last step' });
  }
  const routines = sop.steps.flatMap((s) => s.timers.filter((t) => t.kind === 'recurrence').map((t) => ({ node: id(s.sequence_order), every: `${t.amount} ${t.unit}`, text: t.text, cron: cronFor(t) })));
  const doc: Record<string, unknown> = {
    osop_version: '1.0',
    id: slug(sop.title) || 'imported-sop',
    name: sop.title,
    description: `Draft imported from ${meta.fileName}; review every step before publishing.`,
    version: '0.1.0',
    status: 'draft',
    lifecycle: 'draft',
    roles: sop.roles,
    metadata: {
      source_document: { name: meta.fileName, sha256: meta.sha256, ...(meta.format ? { format: meta.format } : {}), ...(meta.pageCount ? { pages: meta.pageCount } : {}) },
      importer: '@sopflow/importer',
      ...(meta.importedAt ? { created_at: meta.importedAt } : {}),
      ...(sop.notes.length ? { notes: sop.notes } : {}),
      ...(sop.warnings.length ? { warnings: sop.warnings } : {}),
      ...(routines.length ? { routine_suggestions: routines } : {}),
    },
    entry_point: id(1),
    nodes,
    edges,
    ...(exits.length ? { exit_conditions: exits } : {}),
  };
  if (edges.length === 0) delete doc.edges;
  return stringify(doc, { lineWidth: 0 });
}

/**
 * The step that follows `seq` when nothing jumps: the next one, skipping steps reached only by a
 * branch that then jump back ("2.5 Emergency approval … then proceed to step 2.4").
 */
function nextOnMainLine(steps: ImportedStep[], seq: number): number | undefined {
  for (const s of steps) {
    if (s.sequence_order <= seq) continue;
    const jumpsBack = s.decisions.some((d) => d.when === 'always' && typeof d.goto === 'number' && d.goto <= seq);
    const branchedTo = steps.some((o) => o.decisions.some((d) => d.goto === s.sequence_order && d.when !== 'always'));
    if (jumpsBack && branchedTo) continue;
    return s.sequence_order;
  }
  return undefined;
}

function node(step: ImportedStep, id: (n: number) => string): Record<string, unknown> {
  const n: Record<string, unknown> = {
    id: id(step.sequence_order),
    type: 'human',
    name: step.title,
    purpose: step.title,
  };
  if (step.description) n.description = step.description;
  if (step.role) n.role = step.role;
  n.sequence_order = step.sequence_order;
  n.delegation_state = 'human_only';
  if (step.parent !== undefined) n.parent = id(step.parent);
  const deadline = step.timers.find((t) => t.kind === 'deadline');
  if (deadline) {
    n.timeout_sec = timerSeconds(deadline);
    n.sla = { due_sec: timerSeconds(deadline), description: deadline.text };
  }
  if (step.inputs?.length) n.inputs = step.inputs;
  if (step.outputs?.length || step.decisions.some((d) => d.when !== 'always')) {
    const outcomes = step.decisions.filter((d) => d.when !== 'always').map(outcomeValue);
    n.outputs = [
      ...(step.outputs ?? []),
      ...(outcomes.length ? [{ name: 'outcome', type: 'string', description: `one of: ${[...new Set(outcomes)].join(', ')}` }] : []),
    ];
  }
  if (step.conditionalActions?.length) n['x-conditional-actions'] = step.conditionalActions;
  if (step.timers.length) n['x-timers'] = step.timers;
  if (step.label) n['x-label'] = step.label;
  if (step.incomplete) n['x-incomplete'] = true;
  n['x-source'] = step.source;
  return n;
}

function edge(from: string, to: string, d: ImportedDecision, conditional: boolean): Record<string, unknown> {
  const when = conditional ? `steps.${from}.outputs.outcome == ${JSON.stringify(outcomeValue(d))}` : undefined;
  if (d.loop) return { from, to, mode: 'loop', when: when ?? `steps.${from}.status == "completed"`, max_iterations: MAX_LOOP_ITERATIONS, label: d.when };
  if (when) return { from, to, mode: 'conditional', when, label: d.when };
  return { from, to, mode: 'sequential', label: 'jump stated in the document' };
}

function outcomeValue(d: ImportedDecision): string {
  return d.when === 'always' ? 'done' : slug(d.when).replace(/-/g, '_').slice(0, 48).replace(/_+$/, '') || 'yes';
}

function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64).replace(/-+$/, '');
}

function cronFor(t: ImportedTimer): string | undefined {
  switch (t.unit) {
    case 'year': return t.amount === 1 ? '0 9 1 1 *' : undefined;
    case 'month': return t.amount === 1 ? '0 9 1 * *' : t.amount === 3 ? '0 9 1 */3 *' : undefined;
    case 'week': return t.amount === 1 ? '0 9 * * 1' : undefined;
    case 'day': return t.amount === 1 ? '0 9 * * *' : undefined;
    case 'hour': return t.amount === 1 ? '0 * * * *' : undefined;
    case 'minute': case 'second': return undefined;
  }
}
