// @vitest-environment node
import { beforeAll, describe, expect, it } from 'vitest';
import { validateSource } from '@sopflow/format';
import { importDocument, toOsopDraft } from '@sopflow/importer';
import { applyDraftEdit, readDraft, reviewSteps, writeDraft, type DraftDocument, type DraftEdit } from './draft-review-edits';

const EXPENSES = `# Expense approval

## Procedure

1. The employee submits the expense report within 5 working days.
2. The manager reviews the report. If the amount is over 500 EUR, go to step 4.
3. Finance pays the expense.
4. The director approves the expense.
`;

/** The edits in order; each intermediate document must stay valid for the server. */
function edit(doc: DraftDocument, ...edits: DraftEdit[]): DraftDocument {
  return edits.reduce((d, e) => applyDraftEdit(d, e), doc);
}

function errorsOf(doc: DraftDocument): string[] {
  return validateSource(writeDraft(doc), 'draft.osop').diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
}

const plainOrder = (doc: DraftDocument) => (doc.edges ?? []).filter((e) => (e.mode ?? 'sequential') === 'sequential' && e.label === undefined).map((e) => `${e.from}>${e.to}`);

describe('a reviewer editing an imported draft', () => {
  let draft: DraftDocument;

  beforeAll(async () => {
    const result = await importDocument(new TextEncoder().encode(EXPENSES), 'expenses.md');
    draft = readDraft(toOsopDraft(result.sops[0]!, { fileName: 'expenses.md', sha256: result.sha256 }));
    expect(errorsOf(draft)).toEqual([]);
  });

  it('shows each step beside its source line, with its deadline and its decision', () => {
    const steps = reviewSteps(draft);
    expect(steps.map((s) => [s.number, s.sources[0]?.line])).toEqual([[1, 5], [2, 6], [3, 7], [4, 8]]);
    expect(steps[0]!.deadlineSec).toBe(7 * 86400);
    expect(steps[1]!.decisions).toEqual([{ key: expect.stringMatching(/^edge:/), label: 'the amount is over 500 EUR', to: 'step_4' }]);
  });

  it('renames a step and sets its role, adding the role to the workflow', () => {
    const doc = edit(draft, { type: 'rename', step: 'step_3', title: 'Pay the expense' }, { type: 'setRole', step: 'step_3', role: 'Finance' });
    expect(reviewSteps(doc)[2]).toMatchObject({ title: 'Pay the expense', role: 'Finance' });
    expect(doc.roles).toContain('Finance');
    expect(reviewSteps(draft)[2]!.title).toBe('Finance pays the expense');
    expect(errorsOf(doc)).toEqual([]);
  });

  it('edits a decision to end the procedure and back, keeping the step’s outcome output in step', () => {
    const key = reviewSteps(draft)[1]!.decisions[0]!.key;
    const ended = edit(draft, { type: 'setDecision', step: 'step_2', key, label: 'the report is incomplete', to: 'end' });
    expect(reviewSteps(ended)[1]!.decisions).toEqual([{ key: expect.stringMatching(/^exit:/), label: 'the report is incomplete', to: 'end' }]);
    expect(ended.nodes[1]!.outputs).toEqual([{ name: 'outcome', type: 'string', description: 'one of: the_report_is_incomplete' }]);
    expect(errorsOf(ended)).toEqual([]);
    const back = edit(ended, { type: 'setDecision', step: 'step_2', key: reviewSteps(ended)[1]!.decisions[0]!.key, label: 'over budget', to: 'step_4' });
    expect((back.edges ?? []).find((e) => e.from === 'step_2' && e.mode === 'conditional')).toMatchObject({ to: 'step_4', when: 'steps.step_2.outputs.outcome == "over_budget"' });
    expect(errorsOf(back)).toEqual([]);
  });

  it('removes the only decision and the outcome output with it', () => {
    const doc = edit(draft, { type: 'removeDecision', step: 'step_2', key: reviewSteps(draft)[1]!.decisions[0]!.key });
    expect(reviewSteps(doc)[1]!.decisions).toEqual([]);
    expect(doc.nodes[1]!.outputs).toBeUndefined();
    expect(errorsOf(doc)).toEqual([]);
  });

  it('moves a step up: the plain order and the numbers follow, the decision keeps its target', () => {
    const doc = edit(draft, { type: 'move', step: 'step_3', by: -1 });
    expect(doc.nodes.map((n) => `${n.sequence_order}:${n.id}`)).toEqual(['1:step_1', '2:step_3', '3:step_2', '4:step_4']);
    expect(plainOrder(doc)).toEqual(['step_1>step_3', 'step_3>step_2', 'step_2>step_4']);
    expect(reviewSteps(doc)[2]!.decisions[0]!.to).toBe('step_4');
    expect(errorsOf(doc)).toEqual([]);
  });

  it('moves the first step down: the entry point moves with it', () => {
    const doc = edit(draft, { type: 'move', step: 'step_1', by: 1 });
    expect(doc.entry_point).toBe('step_2');
    expect(errorsOf(doc)).toEqual([]);
  });

  it('merges a step with the next: both sources stay, edges to the removed step lead to the merged one', () => {
    const doc = edit(draft, { type: 'mergeWithNext', step: 'step_1' });
    const steps = reviewSteps(doc);
    expect(steps.map((s) => s.id)).toEqual(['step_1', 'step_3', 'step_4']);
    expect(steps[0]!.sources.map((s) => s.line)).toEqual([5, 6]);
    expect(steps[0]!.description).toContain('The manager reviews the report.');
    expect(steps[0]!.decisions[0]).toMatchObject({ to: 'step_4' });
    expect((doc.edges ?? []).find((e) => e.mode === 'conditional')!.when).toBe('steps.step_1.outputs.outcome == "the_amount_is_over_500_eur"');
    expect(errorsOf(doc)).toEqual([]);
  });

  it('splits a step: the new one after it takes its decisions and the first leads to it', () => {
    const doc = edit(draft, { type: 'split', step: 'step_2' });
    const steps = reviewSteps(doc);
    expect(steps.map((s) => s.id)).toEqual(['step_1', 'step_2', 'step_5', 'step_3', 'step_4']);
    expect(steps[2]).toMatchObject({ title: 'The manager reviews the report (continued)', role: 'manager', decisions: [{ to: 'step_4' }] });
    expect(steps[2]!.sources[0]!.line).toBe(6);
    expect(plainOrder(doc)).toContain('step_2>step_5');
    expect(errorsOf(doc)).toEqual([]);
  });

  it('sets and clears a deadline', () => {
    const set = edit(draft, { type: 'setDeadline', step: 'step_3', seconds: 7200, text: '2h' });
    expect(set.nodes[2]).toMatchObject({ timeout_sec: 7200, sla: { due_sec: 7200, description: '2h' } });
    const cleared = edit(set, { type: 'setDeadline', step: 'step_3', seconds: null, text: '' });
    expect(cleared.nodes[2]!.timeout_sec).toBeUndefined();
    expect(errorsOf(cleared)).toEqual([]);
  });
});
