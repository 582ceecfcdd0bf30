import { parse, stringify } from 'yaml';

// The reviewer's edits of an imported draft, as pure functions over the draft's .osop document (the
// YAML as plain data). The server validates the result on save; nothing here decides validity.

/** Where a step came from in the source document (the importer's `x-source`). */
export interface SourceSpan { page?: number; line?: number; paragraph?: number; text?: string; from?: string }

export interface DraftNode {
  id: string; type?: string; name?: string; purpose?: string; description?: string; role?: string; sequence_order?: number;
  timeout_sec?: number; sla?: { due_sec?: number; description?: string }; outputs?: { name: string; [key: string]: unknown }[];
  'x-source'?: SourceSpan; 'x-merged-sources'?: SourceSpan[]; 'x-timers'?: { text?: string; kind?: string }[];
  [key: string]: unknown;
}
export interface DraftEdge { from: string; to: string; mode?: string; when?: string; label?: string; [key: string]: unknown }
export interface DraftExit { node: string; outcome?: string; description?: string }
export interface DraftDocument {
  name?: string; roles?: string[]; entry_point?: string; nodes: DraftNode[]; edges?: DraftEdge[]; exit_conditions?: DraftExit[];
  [key: string]: unknown;
}

/** A branch out of a step as the reviewer sees it: a condition and where it leads (a step id, or `end`). */
export interface Decision { key: string; label: string; to: string }

/** One step as the review page shows it. */
export interface ReviewStep {
  id: string; number: number; title: string; role: string; description: string;
  /** The deadline in seconds (`timeout_sec`), or null. */
  deadlineSec: number | null;
  sources: SourceSpan[];
  decisions: Decision[];
  /** Reminders and recurrences the importer found (read-only here). */
  otherTimers: string[];
}

export type DraftEdit =
  | { type: 'renameSop'; title: string }
  | { type: 'rename'; step: string; title: string }
  | { type: 'setRole'; step: string; role: string }
  | { type: 'setDeadline'; step: string; seconds: number | null; text: string }
  | { type: 'setDecision'; step: string; key: string; label: string; to: string }
  | { type: 'addDecision'; step: string; label: string; to: string }
  | { type: 'removeDecision'; step: string; key: string }
  | { type: 'move'; step: string; by: -1 | 1 }
  | { type: 'mergeWithNext'; step: string }
  | { type: 'split'; step: string };

export const END = 'end';
const LAST_STEP = 'last step';
const ENDS_WHEN = 'ends when ';
const OUTCOME_WHEN = /^steps\.([A-Za-z0-9_-]+)\.outputs\.outcome == "([^"]*)"$/;

/** Reads draft .osop text; throws when it is not a workflow with a node list. */
export function readDraft(text: string): DraftDocument {
  const data: unknown = parse(text);
  if (data === null || typeof data !== 'object' || !Array.isArray((data as DraftDocument).nodes)) throw new Error('the draft has no list of nodes');
  return data as DraftDocument;
}

/** The document as .osop YAML text, formatted as the importer writes it. */
export function writeDraft(doc: DraftDocument): string {
  return stringify(doc, { lineWidth: 0 });
}

/** Pure; the steps in list order with their source spans, decisions and deadline. */
export function reviewSteps(doc: DraftDocument): ReviewStep[] {
  const edges = doc.edges ?? [];
  const exits = doc.exit_conditions ?? [];
  return doc.nodes.map((node, index) => ({
    id: node.id,
    number: index + 1,
    title: node.name ?? node.id,
    role: node.role ?? '',
    description: node.description ?? '',
    deadlineSec: typeof node.timeout_sec === 'number' ? node.timeout_sec : null,
    sources: [node['x-source'], ...(node['x-merged-sources'] ?? [])].filter((s): s is SourceSpan => s !== undefined),
    decisions: [
      ...edges.flatMap((e, i) => (e.from === node.id && !isPlain(e) ? [{ key: `edge:${i}`, label: e.label ?? e.when ?? e.mode ?? '', to: e.to }] : [])),
      ...exits.flatMap((x, i) => (x.node === node.id && x.description?.startsWith(ENDS_WHEN) === true ? [{ key: `exit:${i}`, label: x.description.slice(ENDS_WHEN.length), to: END }] : [])),
    ],
    otherTimers: (node['x-timers'] ?? []).filter((t) => t.kind !== 'deadline' && t.text !== undefined).map((t) => `${t.kind ?? 'timer'}: ${t.text}`),
  }));
}

/** Pure; the document after one edit (a new object; the input is not changed). Unknown steps leave it as it was. */
export function applyDraftEdit(input: DraftDocument, edit: DraftEdit): DraftDocument {
  const doc = structuredClone(input);
  if (edit.type === 'renameSop') {
    doc.name = edit.title;
    return doc;
  }
  const node = doc.nodes.find((n) => n.id === edit.step);
  if (node === undefined) return input;
  switch (edit.type) {
    case 'rename':
      node.name = edit.title;
      if (node.purpose !== undefined) node.purpose = edit.title;
      return doc;
    case 'setRole':
      setRole(doc, node, edit.role);
      return doc;
    case 'setDeadline':
      setDeadline(node, edit.seconds, edit.text);
      return doc;
    case 'setDecision':
      setDecision(doc, node, edit.key, edit.label, edit.to);
      syncOutcomeOutput(doc, node);
      return doc;
    case 'addDecision':
      addDecision(doc, node, edit.label, edit.to);
      syncOutcomeOutput(doc, node);
      return doc;
    case 'removeDecision':
      removeDecision(doc, edit.key);
      syncOutcomeOutput(doc, node);
      return doc;
    case 'move':
      moveStep(doc, node, edit.by);
      return renumber(doc);
    case 'mergeWithNext':
      mergeWithNext(doc, node);
      return renumber(doc);
    case 'split':
      splitStep(doc, node);
      return renumber(doc);
    default:
      return assertNever(edit);
  }
}

/** A plain edge says only "then the next step": sequential, unlabelled, unconditional. */
function isPlain(edge: DraftEdge): boolean {
  return (edge.mode ?? 'sequential') === 'sequential' && edge.label === undefined && edge.when === undefined;
}

function setRole(doc: DraftDocument, node: DraftNode, role: string): void {
  const trimmed = role.trim();
  if (trimmed === '') {
    delete node.role;
    return;
  }
  node.role = trimmed;
  const roles = doc.roles ?? [];
  if (!roles.some((r) => r.toLowerCase() === trimmed.toLowerCase())) doc.roles = [...roles, trimmed];
}

function setDeadline(node: DraftNode, seconds: number | null, text: string): void {
  if (seconds === null) {
    delete node.timeout_sec;
    delete node.sla;
    return;
  }
  node.timeout_sec = seconds;
  node.sla = { ...(node.sla ?? {}), due_sec: seconds, description: text };
}

/** Adds a branch: to a step as a conditional edge on the step's `outcome`, to `end` as an exit condition. */
function addDecision(doc: DraftDocument, node: DraftNode, label: string, to: string): void {
  const outcome = outcomeValue(label);
  if (to === END) {
    doc.exit_conditions = [...(doc.exit_conditions ?? []), { node: node.id, outcome, description: `${ENDS_WHEN}${label}` }];
    return;
  }
  doc.edges = [...(doc.edges ?? []), { from: node.id, to, mode: 'conditional', when: outcomeTest(node.id, outcome), label }];
}

/** Changes a branch in place (a loop stays a loop); one that moves between a step and `end` is replaced. */
function setDecision(doc: DraftDocument, node: DraftNode, key: string, label: string, to: string): void {
  const { kind, index } = decisionKey(key);
  const edge = kind === 'edge' ? doc.edges?.[index] : undefined;
  const exit = kind === 'exit' ? doc.exit_conditions?.[index] : undefined;
  if (edge !== undefined && to !== END) {
    edge.to = to;
    edge.label = label;
    if (edge.when !== undefined && OUTCOME_WHEN.test(edge.when)) edge.when = outcomeTest(node.id, outcomeValue(label));
  } else if (exit !== undefined && to === END) {
    exit.outcome = outcomeValue(label);
    exit.description = `${ENDS_WHEN}${label}`;
  } else if (edge !== undefined || exit !== undefined) {
    removeDecision(doc, key);
    addDecision(doc, node, label, to);
  }
}

function removeDecision(doc: DraftDocument, key: string): void {
  const { kind, index } = decisionKey(key);
  if (kind === 'edge' && doc.edges !== undefined) doc.edges = doc.edges.filter((_, i) => i !== index);
  if (kind === 'exit' && doc.exit_conditions !== undefined) doc.exit_conditions = doc.exit_conditions.filter((_, i) => i !== index);
}

function decisionKey(key: string): { kind: string; index: number } {
  const [kind = '', index = ''] = key.split(':');
  return { kind, index: Number(index) };
}

function outcomeTest(nodeId: string, outcome: string): string {
  return `steps.${nodeId}.outputs.outcome == ${JSON.stringify(outcome)}`;
}

/** Keeps the step's `outcome` output listing the values its decisions test (the importer's shape), or drops it when none do. */
function syncOutcomeOutput(doc: DraftDocument, node: DraftNode): void {
  const values = [
    ...(doc.edges ?? []).flatMap((e) => { const m = e.from === node.id && e.when !== undefined ? OUTCOME_WHEN.exec(e.when) : null; return m === null ? [] : [m[2]!]; }),
    ...(doc.exit_conditions ?? []).flatMap((x) => (x.node === node.id && x.description?.startsWith(ENDS_WHEN) === true && x.outcome !== undefined ? [x.outcome] : [])),
  ];
  const others = (node.outputs ?? []).filter((o) => o.name !== 'outcome');
  const outcome = values.length === 0 ? [] : [{ name: 'outcome', type: 'string', description: `one of: ${[...new Set(values)].join(', ')}` }];
  const outputs = [...others, ...outcome];
  if (outputs.length === 0) delete node.outputs;
  else node.outputs = outputs;
}

/**
 * Swaps the step with its neighbour in the list and in the plain order: the plain edges, the
 * entry point and the "last step" exit trade places; branches keep their targets.
 */
function moveStep(doc: DraftDocument, node: DraftNode, by: -1 | 1): void {
  const i = doc.nodes.indexOf(node);
  const other = doc.nodes[i + by];
  if (other === undefined) return;
  doc.nodes[i] = other;
  doc.nodes[i + by] = node;
  const swap = (id: string) => (id === node.id ? other.id : id === other.id ? node.id : id);
  for (const edge of doc.edges ?? []) {
    if (!isPlain(edge)) continue;
    edge.from = swap(edge.from);
    edge.to = swap(edge.to);
  }
  for (const exit of doc.exit_conditions ?? []) if (exit.description === LAST_STEP) exit.node = swap(exit.node);
  if (doc.entry_point !== undefined) doc.entry_point = swap(doc.entry_point);
}

/** Folds the next step into this one: its text, source, role, deadline, outputs and every edge and exit that named it. */
function mergeWithNext(doc: DraftDocument, node: DraftNode): void {
  const next = doc.nodes[doc.nodes.indexOf(node) + 1];
  if (next === undefined) return;
  node.description = [node.description, sentence(next.name ?? next.id), next.description].filter((t) => t !== undefined && t !== '').join('\n');
  if (node.role === undefined && next.role !== undefined) node.role = next.role;
  if (node.timeout_sec === undefined && next.timeout_sec !== undefined) {
    node.timeout_sec = next.timeout_sec;
    if (next.sla !== undefined) node.sla = next.sla;
  }
  node['x-merged-sources'] = [...(node['x-merged-sources'] ?? []), ...[next['x-source'], ...(next['x-merged-sources'] ?? [])].filter((s): s is SourceSpan => s !== undefined)];
  for (const key of ['x-timers', 'x-conditional-actions', 'inputs'] as const) {
    const merged = [...asList(node[key]), ...asList(next[key])];
    if (merged.length > 0) (node as Record<string, unknown>)[key] = merged;
  }
  node.outputs = [...(node.outputs ?? []), ...(next.outputs ?? []).filter((o) => !(node.outputs ?? []).some((p) => p.name === o.name))];
  if (node.outputs.length === 0) delete node.outputs;
  renameNodeReferences(doc, next.id, node.id);
  doc.edges = unique((doc.edges ?? []).filter((e) => e.from !== e.to));
  doc.exit_conditions = unique(doc.exit_conditions ?? []);
  if ((doc.edges ?? []).some((e) => e.from === node.id)) doc.exit_conditions = doc.exit_conditions.filter((x) => !(x.node === node.id && x.description === LAST_STEP));
  if (doc.exit_conditions.length === 0) delete doc.exit_conditions;
  doc.nodes = doc.nodes.filter((n) => n !== next);
  syncOutcomeOutput(doc, node);
}

/** Splits a step in two: the new one after it takes over its outgoing edges, exits, outputs and conditional actions. */
function splitStep(doc: DraftDocument, node: DraftNode): void {
  const id = nextStepId(doc);
  const title = `${node.name ?? node.id} (continued)`;
  const added: DraftNode = { id, type: node.type ?? 'human', name: title, ...(node.purpose === undefined ? {} : { purpose: title }) };
  if (node.role !== undefined) added.role = node.role;
  for (const key of ['delegation_state', 'x-source', 'outputs', 'x-conditional-actions'] as const) {
    if (node[key] !== undefined) (added as Record<string, unknown>)[key] = structuredClone(node[key]);
  }
  delete node.outputs;
  delete node['x-conditional-actions'];
  const owns = new RegExp(`\\bsteps\\.${escapeRegExp(node.id)}\\.`, 'g');
  for (const edge of doc.edges ?? []) {
    if (edge.from !== node.id) continue;
    edge.from = id;
    if (edge.when !== undefined) edge.when = edge.when.replace(owns, `steps.${id}.`);
  }
  for (const exit of doc.exit_conditions ?? []) if (exit.node === node.id) exit.node = id;
  doc.edges = [...(doc.edges ?? []), { from: node.id, to: id, mode: 'sequential' }];
  doc.nodes.splice(doc.nodes.indexOf(node) + 1, 0, added);
}

function renameNodeReferences(doc: DraftDocument, from: string, to: string): void {
  const owns = new RegExp(`\\bsteps\\.${escapeRegExp(from)}\\.`, 'g');
  for (const edge of doc.edges ?? []) {
    if (edge.from === from) edge.from = to;
    if (edge.to === from) edge.to = to;
    if (edge.when !== undefined) edge.when = edge.when.replace(owns, `steps.${to}.`);
  }
  for (const exit of doc.exit_conditions ?? []) if (exit.node === from) exit.node = to;
  if (doc.entry_point === from) doc.entry_point = to;
  for (const n of doc.nodes) if (n.parent === from) n.parent = to;
}

/** sequence_order follows the list again (1-based). */
function renumber(doc: DraftDocument): DraftDocument {
  doc.nodes.forEach((n, i) => { n.sequence_order = i + 1; });
  return doc;
}

function nextStepId(doc: DraftDocument): string {
  const taken = new Set(doc.nodes.map((n) => n.id));
  let n = doc.nodes.length + 1;
  while (taken.has(`step_${n}`)) n += 1;
  return `step_${n}`;
}

/** The value a decision's condition sets on the step's `outcome` (as the importer names it). */
export function outcomeValue(label: string): string {
  const slug = label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 48).replace(/_+$/, '');
  return slug === '' ? 'yes' : slug;
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function unique<T>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => { const key = JSON.stringify(item); if (seen.has(key)) return false; seen.add(key); return true; });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function assertNever(value: never): never {
  throw new Error(`unexpected edit: ${JSON.stringify(value)}`);
}
