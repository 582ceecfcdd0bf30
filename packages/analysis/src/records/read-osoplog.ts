import { MAX_SOURCE_BYTES, parseExecutionLog } from '@sopflow/format';
import { runRecordFromLog, type ReadRecordResult } from './run-record-from-log.js';

export type { ReadRecordResult } from './run-record-from-log.js';

/** Largest log text read: format's limit for every sopflow document; bigger inputs are refused with a diagnostic. */
export const MAX_OSOPLOG_BYTES = MAX_SOURCE_BYTES;

/**
 * Pure; reads one `.osoplog` (YAML or JSON) into a RunRecord: format's `parseExecutionLog` (the one
 * `.osoplog` reader, whose diagnostics are `file:line:col`) and then `runRecordFromLog`, which
 * tolerates the published quirks. Problems are diagnostics, never thrown.
 * @example readOsoplog(text, 'run-42.osoplog').record?.steps.length
 */
export function readOsoplog(text: string, file?: string): ReadRecordResult {
  const { source, diagnostics } = parseExecutionLog(text, file);
  if (source === undefined) return { diagnostics };
  return runRecordFromLog(source.data, { file, locate: source.locate });
}
