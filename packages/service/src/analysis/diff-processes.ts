import type { RunDiff, RunSetDiff, WorkflowDiff } from '@sopflow/analysis';
import type { RunRecord } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { RecordSource } from '../records/record-source.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

/** Two process versions compared: steps, edges and fields added, removed and changed. Pure. */
export async function diffWorkflows(a: Workflow, b: Workflow): Promise<WorkflowDiff> {
  const analysis = await import('@sopflow/analysis');
  return analysis.diffWorkflows(a, b);
}

/** Two runs compared step by step (each source must hold one run; the first record of each is used). */
export async function diffRuns(ctx: RecordsContext, a: RecordSource, b: RecordSource): Promise<RunDiff> {
  const [left, right] = [(await readRunRecords(ctx, [a])).records[0], (await readRunRecords(ctx, [b])).records[0]];
  const analysis = await import('@sopflow/analysis');
  return analysis.diffRuns(left, right);
}

/** One set of runs to compare, and its name (default: the one version its runs share, else A or B). */
export interface RunSetInput {
  sources: readonly RecordSource[];
  label?: string;
}

export type DiffRunSetsInput = (
  /** Two sets given apart. */
  | { sets: readonly [RunSetInput, RunSetInput] }
  /** One heap of runs of exactly two versions, split by version. */
  | { byVersion: readonly RecordSource[] }
) & {
  /** Names for the two sets, over any other naming. */
  labels?: readonly [string, string];
};

/**
 * Two sets of runs compared: success rate, median and p95 per step, with counts. Sets given apart
 * are named by their labels, else their versions when they differ, else A and B; runs given together
 * must be of exactly two versions (`invalid_request` otherwise).
 */
export async function diffRunSets(ctx: RecordsContext, input: DiffRunSetsInput): Promise<RunSetDiff> {
  const [a, b] = 'sets' in input ? await readSets(ctx, input.sets) : await splitByVersion(ctx, input.byVersion);
  const analysis = await import('@sopflow/analysis');
  return analysis.diffRunSets(a.records, b.records, { labelA: input.labels?.[0] ?? a.label, labelB: input.labels?.[1] ?? b.label });
}

interface RunSet {
  label: string;
  records: RunRecord[];
}

async function readSets(ctx: RecordsContext, sets: readonly [RunSetInput, RunSetInput]): Promise<[RunSet, RunSet]> {
  if (sets[0].sources.length === 0 || sets[1].sources.length === 0) throw new ServiceError('invalid_request', '--runs A... -- B...: no runs before "--"');
  const a = (await readRunRecords(ctx, sets[0].sources)).records;
  const b = (await readRunRecords(ctx, sets[1].sources)).records;
  const [va, vb] = [versionLabel(a), versionLabel(b)];
  const distinct = va !== undefined && vb !== undefined && va !== vb;
  return [
    { label: sets[0].label ?? (distinct ? va : 'A'), records: a },
    { label: sets[1].label ?? (distinct ? vb : 'B'), records: b },
  ];
}

async function splitByVersion(ctx: RecordsContext, sources: readonly RecordSource[]): Promise<[RunSet, RunSet]> {
  const all = (await readRunRecords(ctx, sources)).records;
  const byVersion = new Map<string, RunRecord[]>();
  for (const r of all) {
    const key = r.workflowVersion ?? '(no version)';
    byVersion.set(key, [...(byVersion.get(key) ?? []), r]);
  }
  if (byVersion.size !== 2) {
    throw new ServiceError('invalid_request', `--runs needs two sets: DIR_A DIR_B, A... -- B..., or runs of exactly two versions (found ${byVersion.size}: ${[...byVersion.keys()].join(', ')})`);
  }
  const [[va, a], [vb, b]] = [...byVersion.entries()].sort(([x], [y]) => x.localeCompare(y, undefined, { numeric: true }));
  return [{ label: va, records: a }, { label: vb, records: b }];
}

function versionLabel(records: RunRecord[]): string | undefined {
  const versions = new Set(records.map((r) => r.workflowVersion));
  const [only] = versions;
  return versions.size === 1 && only !== undefined ? only : undefined;
}
