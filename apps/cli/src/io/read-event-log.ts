import type { Command } from 'commander';
// Type-only: erased at run time, so a command that never reads a log does not load the service.
import type { EventLogOptions } from '@sopflow/service';

/** Options shared by every command that reads an event log (XES or CSV): the service's own. */
export type { EventLogOptions };

/** Adds the log-reading options (`--case`, `--activity`, ...) to a command. */
export function addEventLogOptions(command: Command): Command {
  return command
    .option('--case <column>', 'CSV: case id column (default case:concept:name)')
    .option('--activity <column>', 'CSV: activity column (default concept:name)')
    .option('--timestamp <column>', 'CSV: timestamp column (default time:timestamp)')
    .option('--resource <column>', 'CSV: resource column (default org:resource when present)')
    .option('--timezone <zone>', 'CSV: IANA time zone for timestamps without an offset (default UTC)')
    .option('--lifecycle <which>', 'auto (default: complete events only when the log has both start and complete values, else every event), complete or all');
}

/** The event-log options a command was given, without its other options. */
export function eventLogOptionsOf(opts: EventLogOptions): EventLogOptions {
  const { case: caseColumn, activity, timestamp, resource, timezone, lifecycle } = opts;
  return { case: caseColumn, activity, timestamp, resource, timezone, lifecycle };
}
