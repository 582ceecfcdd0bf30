/**
 * Where run records come from: finished runs in the store, a file or directory on this machine,
 * or text an adapter already holds (an upload). Adapters build these; `readRunRecords` reads them.
 */
export type RecordSource =
  /** Finished runs in the store: of one workflow, or (no id) of every workflow. */
  | { kind: 'store'; workflowId?: string }
  /** An `.osoplog`, an XES/CSV event log, a `.jsonl` transcript, or a directory searched for records. */
  | { kind: 'path'; path: string }
  /** The content of one file, named as it was given (the name's extension says how to read it). */
  | { kind: 'text'; name: string; text: string };

const STORE_SELECTOR = /^runs:(.*)$/;

/**
 * The record source a command-line style argument names: `runs:` (every finished run in the store),
 * `runs:WORKFLOW_ID`, else a path.
 * @example parseRecordSource('runs:refund') // { kind: 'store', workflowId: 'refund' }
 */
export function parseRecordSource(arg: string): RecordSource {
  const selected = STORE_SELECTOR.exec(arg)?.[1];
  if (selected === undefined) return { kind: 'path', path: arg };
  return selected === '' ? { kind: 'store' } : { kind: 'store', workflowId: selected };
}

/** How a source reads in messages: `runs:ID`, the path, or the upload's name. */
export function describeRecordSource(source: RecordSource): string {
  switch (source.kind) {
    case 'store': return `runs:${source.workflowId ?? ''}`;
    case 'path': return source.path;
    case 'text': return source.name;
  }
}
