import type { SynthesisChange, SynthesisRemoval } from '@sopflow/analysis';
import type { Diagnostic, Workflow } from '@sopflow/format';
import type { RecordSource } from '../records/record-source.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

export interface SynthesizeProcessInput {
  /** Runs (`.osoplog`) or Claude Code transcripts (`.jsonl`), or directories of them. */
  sources: readonly RecordSource[];
  /** Refine this process instead of mining one from scratch. */
  base?: Workflow;
  /** Id and name of a mined draft. */
  id?: string;
  name?: string;
  /** The file name the draft is checked under (diagnostics name it). */
  draftName?: string;
}

export interface SynthesizedProcess {
  workflow: Workflow;
  /** The draft as `.osop` YAML. */
  text: string;
  /** Every change with its evidence, as markdown. */
  rationale: string;
  changes: SynthesisChange[];
  /** Safety elements of the base the draft lost: a person must confirm each. */
  removals: SynthesisRemoval[];
  runs: number;
  /** True when every run came from an agent transcript (steps are labelled by tool). */
  fromTranscripts: boolean;
  /** Whether the draft validates, and what the check found. */
  valid: boolean;
  diagnostics: Diagnostic[];
}

/** Mines runs or agent transcripts into a better draft process, with a rationale citing the evidence; the draft is checked, never stored. */
export async function synthesizeProcess(ctx: RecordsContext, input: SynthesizeProcessInput): Promise<SynthesizedProcess> {
  const { records, fromTranscripts } = await readRunRecords(ctx, input.sources, { transcripts: true });
  const analysis = await import('@sopflow/analysis');
  const { stringifyWorkflow, validateSource } = await import('@sopflow/format');
  const allTranscripts = fromTranscripts === records.length;
  const result = analysis.synthesizeWorkflow(records, {
    ...(input.base === undefined ? {} : { base: input.base }),
    ...(allTranscripts ? { labelOf: analysis.transcriptLabel } : {}),
    ...(input.id === undefined ? {} : { id: input.id }),
    ...(input.name === undefined ? {} : { name: input.name }),
  });
  const text = stringifyWorkflow(result.workflow);
  const check = validateSource(text, input.draftName ?? `${result.workflow.id}.osop`);
  return {
    workflow: result.workflow, text, rationale: result.rationale, changes: result.changes, removals: result.removals,
    runs: records.length, fromTranscripts: allTranscripts, valid: check.valid, diagnostics: check.diagnostics,
  };
}
