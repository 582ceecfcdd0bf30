import type { RunRecord, StepRecord } from '../records/run-record.js';
import { executedSteps } from '../records/run-record.js';

/** How a step becomes a label of the synthesised process. */
export type StepLabeller = (step: StepRecord) => string | undefined;

/** The step's activity (node id unless an importer set one). */
export const activityLabel: StepLabeller = (step) => step.activity;

/**
 * For coding-agent transcripts: every explore call is one `explore` step and every edit one `edit`
 * step (which file or search does not change the process); verify and ship keep their action
 * (`verify:test`, `verify:lint`, `ship:commit`); `other:*` calls are left out.
 */
export const transcriptLabel: StepLabeller = (step) => {
  const [phase] = step.activity.split(':');
  if (phase === 'explore' || phase === 'edit') return phase;
  if (phase === 'other') return undefined;
  return step.activity;
};

/** One executed occurrence in a collapsed trace: a run of consecutive same-label steps. */
export interface TraceItem {
  label: string;
  steps: StepRecord[];
  failed: boolean;
}

/** Pure; a run as labelled items, consecutive equal labels merged (their steps kept), unlabelled steps dropped. */
export function collapseTrace(record: RunRecord, labelOf: StepLabeller): TraceItem[] {
  const items: TraceItem[] = [];
  for (const step of executedSteps(record)) {
    const label = labelOf(step);
    if (label === undefined) continue;
    const last = items[items.length - 1];
    const failed = step.status === 'FAILED' || step.status === 'ERROR' || step.status === 'TIMEOUT';
    if (last !== undefined && last.label === label) {
      last.steps.push(step);
      last.failed = failed;
    } else {
      items.push({ label, steps: [step], failed });
    }
  }
  return items;
}

/** Pure; a node id from a label (`verify:test` → `verify-test`). */
export function labelToId(label: string): string {
  const id = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return id === '' ? 'step' : id;
}

const PURPOSES: Record<string, string> = {
  explore: 'Read and search the code and tests to find the cause',
  edit: 'Change the code',
  'verify:test': 'Run the tests',
  'verify:lint': 'Run the linter',
  'verify:typecheck': 'Type-check the code',
  'verify:build': 'Build the project',
  'ship:commit': 'Commit the change',
  'ship:push': 'Push the branch',
  'ship:pr': 'Open a pull request',
};

/** Pure; a one-line purpose for a label (known transcript labels get a sentence, others their label). */
export function purposeOf(label: string, runs: number, total: number): string {
  return `${PURPOSES[label] ?? label} (seen in ${runs} of ${total} runs)`;
}

/**
 * Pure; records re-expressed in a synthesised draft's terms, so they can be checked against it:
 * each step's node id becomes `labelToId(label)`; with `collapse` (default), consecutive steps with
 * the same label become one step (the last attempt's status, the summed duration); unlabelled steps go.
 */
export function relabelRecords(records: readonly RunRecord[], labelOf: StepLabeller, options: { collapse?: boolean } = {}): RunRecord[] {
  const collapse = options.collapse ?? true;
  return records.map((record) => {
    const items = collapseTrace(record, labelOf);
    const steps = items.flatMap((item) => {
      const ids = item.steps.map((s) => ({ ...s, nodeId: labelToId(item.label), activity: item.label }));
      if (!collapse) return ids;
      const first = ids[0];
      const last = ids[ids.length - 1];
      const total = ids.reduce<number | undefined>((t, s) => (s.durationMs === undefined ? t : (t ?? 0) + s.durationMs), undefined);
      return [{ ...last, startedAt: first.startedAt, ...(total === undefined ? {} : { durationMs: total }), attempt: 1 }];
    });
    return { ...record, steps };
  });
}
