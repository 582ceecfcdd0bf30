import { ServiceError } from '../service-error.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

export interface ExportEventLogInput {
  sources: readonly RecordSource[];
  /** `xes` or `csv`. */
  to: string;
  eventLog?: EventLogOptions;
}

export interface ExportedEventLog {
  format: 'xes' | 'csv';
  text: string;
  cases: number;
  events: number;
  activities: number;
}

/** Run records as an XES or CSV event log, one case per run, for process-mining tools (PM4Py, ProM, Disco); an unknown format is `invalid_request`. */
export async function exportEventLog(ctx: RecordsContext, input: ExportEventLogInput): Promise<ExportedEventLog> {
  const format = input.to === 'xes' || input.to === 'csv' ? input.to : undefined;
  if (format === undefined) throw new ServiceError('invalid_request', `--to must be xes or csv, not "${input.to}"`);
  const { records } = await readRunRecords(ctx, input.sources, input.eventLog === undefined ? {} : { eventLog: input.eventLog });
  const { recordsToEventLog, writeCsv, writeXes } = await import('@sopflow/analysis');
  const log = recordsToEventLog(records);
  return {
    format,
    text: format === 'xes' ? writeXes(log) : writeCsv(log),
    cases: log.cases.length,
    events: log.cases.reduce((sum, c) => sum + c.activities.length, 0),
    activities: log.activities.length,
  };
}
