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
    const known = new Set([cols.action, cols.who, cols.when, cols.input, cols.output, cols.stepId]);
    const extra = row.map((c, i) => (known.has(i) ? '' : c.trim())).filter((c) => c && !/^(?:-|–|n\/a|none|yes|no|[✓✔☐xX])$/i.test(c));
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
      title: cleanTitle(text.split('\n')[0]),
      anchors: [],
      from: 'checklist' as const,
      source: { ...table.source, text: text.slice(0, 160) },
      lead: text.split('\n').slice(1).join('\n'),
      body: [],
      attrs: emptyAttributes(),
      depth: 0,
    }));
  if (steps.length < 2) return undefined;
  return { kind: 'checklist', priority: 2, title: section.title, container: section, steps, span: [table.source.paragraph, table.source.paragraph] };
}
