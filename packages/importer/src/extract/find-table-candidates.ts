import type { TableBlock } from '../tree/doc-tree.js';
import { cleanTitle } from './clean-title.js';
import { type Section, isExcludedKind, walkSections } from './sections.js';
import { checklistTableColumn, stepTableColumns } from './step-attributes.js';
import { emptyAttributes, type Candidate, type StepDraft } from './step-draft.js';

/**
 * Pure; procedures laid out as tables: one row per step with an Action/Task column (and Who,
 * When, Input, Output columns read into the step), or a Yes/No / Done checklist table.
 */
export function findTableCandidates(root: Section): Candidate[] {
  const out: Candidate[] = [];
  walkSections(root, (section) => {
    if (isExcludedKind(section.kind)) return;
    for (const block of section.blocks) {
      if (block.type !== 'table') continue;
      const candidate = stepTable(block, section) ?? checklistTable(block, section);
      if (candidate) out.push(candidate);
    }
  });
  return out;
}

function stepTable(table: TableBlock, section: Section): Candidate | undefined {
  const cols = stepTableColumns(table);
  if (!cols) return undefined;
  const steps: StepDraft[] = [];
  table.rows.slice(1).forEach((row, index) => {
    const text = row[cols.action]?.trim() ?? '';
    if (!text) return;
    const [first, ...rest] = text.split('\n');
    const attrs = emptyAttributes();
    const cell = (i: number | undefined) => (i === undefined ? '' : (row[i] ?? '').trim());
    if (cell(cols.who)) attrs.who.push(...cell(cols.who).split(/\n|;|,\s*(?=[A-Z])/).map((s) => s.trim()).filter(Boolean));
    if (cell(cols.when)) attrs.when = cell(cols.when);
    if (cell(cols.input)) attrs.inputs.push(...cell(cols.input).split('\n'));
    if (cell(cols.output)) attrs.outputs.push(...cell(cols.output).split('\n'));
    // Notes / Remarks / Details columns belong to the step: their jumps and deadlines count too.
    const known = new Set([cols.action, cols.who, cols.when, cols.input, cols.output, cols.stepId, cols.next]);
    const extra = row.map((c, i) => (known.has(i) ? '' : c.trim())).filter((c) => c && !/^(?:-|–|n\/a|none|yes|no|[✓✔☐xX])$/i.test(c));
    const routes = nextSentences(cell(cols.next), cell(cols.stepId), index + 2);
    if (routes) extra.push(routes);
    const body = extra.map((c) => ({ type: 'paragraph' as const, text: c, links: [], source: { ...table.source, text: c.slice(0, 160) } }));
    const label = cell(cols.stepId) || undefined;
    if (label) attrs.stepId = label;
    steps.push({
      title: cleanTitle(first.split(/(?<=[.!?])\s+/)[0]),
      label,
      anchors: [],
      from: 'table-row',
      source: { ...table.source, paragraph: table.source.paragraph, text: text.slice(0, 160) },
      lead: [first.split(/(?<=[.!?])\s+/).slice(1).join(' '), ...rest].join('\n').trim(),
      body,
      attrs,
      depth: 0,
    });
    void index;
  });
  if (steps.length < 2) return undefined;
  return { kind: 'table', priority: 2, title: section.title, container: section, steps, span: [table.source.paragraph, table.source.paragraph] };
}

function checklistTable(table: TableBlock, section: Section): Candidate | undefined {
  const col = checklistTableColumn(table);
  if (col === undefined) return undefined;
  const steps: StepDraft[] = table.rows.slice(1)
    .map((row) => (row[col] ?? '').trim())
    .filter(Boolean)
    .map((text) => ({
      title: cleanTitle(checkTitle(text)),
      anchors: [],
      from: 'checklist' as const,
      source: { ...table.source, text: text.slice(0, 160) },
      lead: checkTitle(text) === text.split('\n')[0] ? text.split('\n').slice(1).join('\n') : '',
      body: [],
      attrs: emptyAttributes(),
      depth: 0,
    }));
  if (steps.length < 2) return undefined;
  return { kind: 'checklist', priority: 2, title: section.title, container: section, steps, span: [table.source.paragraph, table.source.paragraph] };
}

/** A cell joining short sub-items with `<br>` is one check: "A<br>B" → "A; b". */
function checkTitle(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/^[-*•]\s*/, '').trim()).filter(Boolean);
  if (lines.length < 2 || lines.some((l) => l.split(/\s+/).length > 15 || /:$/.test(l))) return text.split('\n')[0];
  return lines.map((l, i) => (i === 0 ? l : l.charAt(0).toLowerCase() + l.slice(1))).join('; ').replace(/[.;]\s*;/g, ';');
}

/**
 * A "Next step" cell as sentences the decision reader understands: "Approved: 3; Rejected: 5" →
 * "Approved: go to step 3. Rejected: go to step 5."; "End" → "End the procedure."; the plain next
 * row is ordinary flow and says nothing.
 */
function nextSentences(cell: string, ownId: string, nextRow: number): string | undefined {
  const parts = cell.split(/;|\n|,|\/|\bor\b/).map((p) => p.trim()).filter(Boolean);
  const out: string[] = [];
  for (const part of parts) {
    const m = part.match(/^(?:(.{1,40}?)\s*(?::|→|->|=>|\s-\s))?\s*(?:(?:go to |continue with |proceed to )?step\s*)?(\d{1,3}(?:\.\d{1,3})*|end|stop|finish|done|close)\.?$/i);
    if (!m) continue;
    const [, label, target] = m;
    const end = /^(end|stop|finish|done|close)$/i.test(target);
    if (!label && !end && parts.length === 1 && (Number(target) === nextRow || Number(target) === Number(ownId) + 1)) continue;
    const jump = end ? 'end the procedure' : `go to step ${target}`;
    out.push(label ? `${label}: ${jump}.` : `${jump.charAt(0).toUpperCase()}${jump.slice(1)}.`);
  }
  return out.length > 0 ? out.join(' ') : undefined;
}
