import type { Diagnostic } from '@sopflow/format';
import { ServiceError } from '../service-error.js';

const SOURCES = ['claude-code'] as const;

export interface ImportTranscriptInput {
  /** Where the transcript comes from: `claude-code`. */
  from: string;
  /** The session transcript (JSONL) and its name for messages. */
  name: string;
  text: string;
  /** `.osoplog` as `yaml` (default) or `json`. */
  format?: 'yaml' | 'json';
}

export interface ImportedTranscript {
  /** The `.osoplog` text. */
  text: string;
  steps: number;
  failed: number;
  outcome: string;
  /** Warnings about lines that were skipped. */
  diagnostics: Diagnostic[];
}

/**
 * A coding agent's session transcript → an `.osoplog` (one node record per tool call, grouped into
 * phases). An unknown source is `invalid_request`; a transcript that cannot be imported or has no
 * tool calls is `invalid_input` (details.diagnostics).
 */
export async function importTranscript(input: ImportTranscriptInput): Promise<ImportedTranscript> {
  if (!(SOURCES as readonly string[]).includes(input.from)) {
    throw new ServiceError('invalid_request', `--from must be ${SOURCES.join(' or ')}, not "${input.from}"`);
  }
  const { importClaudeCodeTranscript } = await import('@sopflow/analysis');
  const { stringifyExecutionLog } = await import('@sopflow/format');
  const result = importClaudeCodeTranscript(input.text, { file: input.name });
  const diagnostics = [...result.diagnostics];
  if (diagnostics.some((d) => d.severity === 'error')) {
    throw new ServiceError('invalid_input', `${input.name}: the transcript could not be imported`, { diagnostics });
  }
  if (result.record.steps.length === 0) {
    throw new ServiceError('invalid_input', `${input.name}: no tool calls found; is this a Claude Code session transcript?`, { diagnostics });
  }
  return {
    text: stringifyExecutionLog(result.log, input.format ?? 'yaml'),
    steps: result.record.steps.length,
    failed: result.record.steps.filter((s) => s.status === 'FAILED').length,
    outcome: result.record.outcome ?? 'unknown',
    diagnostics,
  };
}
