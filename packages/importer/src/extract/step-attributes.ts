import type { TableBlock } from '../tree/doc-tree.js';
import type { StepAttributes } from './step-draft.js';

const WHO = /^(participants?|who|roles?|responsible( person| party)?|responsibility|performed by|actors?|performers?|owner|by whom|executor|assignee)$/i;
const WHEN = /^(when|timing|trigger|deadline|due( date)?|time ?frame|duration|frequency)$/i;
const INPUT = /^(inputs?|prerequisites?)$/i;
const OUTPUT = /^(outputs?|results?|deliverables?|records?)$/i;
const STEP_ID = /^(step( identifier| id| no\.?| number)?|#|no\.?|id)$/i;

function attrName(cell: string): 'who' | 'when' | 'input' | 'output' | 'stepId' | undefined {
  const c = cell.replace(/[*:]/g, '').trim();
  if (WHO.test(c)) return 'who';
  if (WHEN.test(c)) return 'when';
  if (INPUT.test(c)) return 'input';
  if (OUTPUT.test(c)) return 'output';
  if (STEP_ID.test(c)) return 'stepId';
  return undefined;
}

/**
 * Pure; reads a per-step attribute table (a "Participants" column, an Input/Output table, a
 * "Step identifier | When | Who" row, or a key/value table) into `attrs`. Returns false when the
 * table is ordinary content.
 */
export function readAttributeTable(table: TableBlock, attrs: StepAttributes): boolean {
  const rows = table.rows.filter((r) => r.some((c) => c.trim() !== ''));
  if (rows.length === 0) return false;
  const header = rows[0].map(attrName);
  if (header.every((h) => h !== undefined) && rows.length <= 4) {
    for (const row of rows.slice(1)) row.forEach((cell, i) => assign(attrs, header[i], cell));
    return true;
  }
  const twoColumn = rows.every((r) => r.length === 2);
  if (twoColumn && rows.every((r) => attrName(r[0]) !== undefined)) {
    for (const row of rows) assign(attrs, attrName(row[0]), row[1]);
    return true;
  }
  return false;
}

function assign(attrs: StepAttributes, name: ReturnType<typeof attrName>, cell: string): void {
  const values = splitCell(cell);
  switch (name) {
    case 'who': attrs.who.push(...values); break;
    case 'when': attrs.when = [attrs.when, cell.trim()].filter(Boolean).join('; '); break;
    case 'input': attrs.inputs.push(...values); break;
    case 'output': attrs.outputs.push(...values); break;
    case 'stepId': attrs.stepId = cell.trim() || attrs.stepId; break;
    case undefined: break;
  }
}

function splitCell(cell: string): string[] {
  return cell.split(/\n|;|<br\s*\/?>/i).map((v) => v.replace(/^or:\s*/i, '').trim()).filter(Boolean);
}

/** Column roles for a step table: which column holds the action, the performer, the timing. */
export interface StepTableColumns {
  action: number;
  who?: number;
  when?: number;
  input?: number;
  output?: number;
  stepId?: number;
  /** "Next step" / "Go to" column: where each row leads ("3", "Approved: 3; Rejected: 5", "End"). */
  next?: number;
}

/** A table whose rows are steps: an action/task column and at least two rows. */
export function stepTableColumns(table: TableBlock): StepTableColumns | undefined {
  if (!table.header || table.rows.length < 3) return undefined;
  const header = table.rows[0].map((c) => c.replace(/[*:]/g, '').trim());
  const preferred = header.findIndex((c) => /^(action|actions|task|tasks|activity|activities|what|step description|description|instruction|instructions|procedure|process step)$/i.test(c));
  const action = preferred >= 0 ? preferred : header.findIndex((c) => /^(step|steps)$/i.test(c));
  if (action < 0) return undefined;
  const find = (re: RegExp) => { const i = header.findIndex((c, idx) => idx !== action && re.test(c)); return i >= 0 ? i : undefined; };
  const cols: StepTableColumns = { action };
  cols.who = find(WHO);
  cols.when = find(WHEN);
  cols.input = find(INPUT);
  cols.output = find(OUTPUT);
  cols.stepId = find(STEP_ID);
  cols.next = find(/^(next|next steps?|go ?to|then|routing|transition|leads to|next action|outcome)$/i);
  // A table with only a description column and nothing else step-like is ordinary content.
  if (cols.who === undefined && cols.when === undefined && cols.stepId === undefined && !/^(action|task|step|activity)/i.test(header[action])) return undefined;
  return cols;
}

/** A Yes/No (or Done) checklist table: the first text column holds the check. */
export function checklistTableColumn(table: TableBlock): number | undefined {
  if (table.rows.length < 3) return undefined;
  const header = table.rows[0].map((c) => c.replace(/[*:]/g, '').trim());
  // "Yes | No | N/A", "Y/N", "Yes / No", "Pass/Fail", "Done": answer columns beside the check.
  const answer = (c: string) => /^(?:yes|no|y|n|done|ok|✓|✔|✗|☐|☑|n\/a|na|pass|fail|completed?|checked|initials?)(?:\s*\/\s*(?:yes|no|y|n|n\/a|na|pass|fail|✓|✗))*$/i.test(c);
  const checks = header.filter(answer).length;
  const paired = header.some((c) => /\//.test(c) && answer(c) && !/^n\/a$/i.test(c));
  if (checks < 1 || (checks < 2 && !paired && !/^(done|completed?|checked|✓|✔|☐)$/i.test(header.find((c) => /done|complete|check|✓|✔|☐/i.test(c)) ?? ''))) return undefined;
  const col = header.findIndex((c) => !answer(c) && !/^(comments?|remarks?|notes?|#|no\.?)$/i.test(c));
  return col >= 0 ? col : undefined;
}
