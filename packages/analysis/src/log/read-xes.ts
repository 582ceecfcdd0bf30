import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { createLogBuilder, type EventLog, type RawCase, type RawEvent } from './event-log.js';
import { LogReadError } from './log-read-error.js';
import { parseTimestamp } from './parse-timestamp.js';
import { applyLifecycleRule, type LifecycleFilter } from './lifecycle-rule.js';


export interface ReadXesOptions {
  /** `auto` (default): complete events when the log has start and complete values, else every event; `complete`; `all` (see `LifecycleFilter`). */
  lifecycle?: LifecycleFilter;
  /** Keep event attributes other than the standard ones (costs memory on large logs). */
  keepAttributes?: boolean;
  /** Attribute used as the activity (default `concept:name`). */
  activityKey?: string;
}

const ATTRIBUTE_TAGS = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);

/** Streams an XES file (`.xes`, or gzip-compressed `.xes.gz`, detected by magic bytes) into an EventLog. */
export async function readXesFile(path: string, options: ReadXesOptions = {}): Promise<EventLog> {
  const head = await readHead(path);
  const source: Readable = createReadStream(path);
  const gz = head[0] === 0x1f && head[1] === 0x8b;
  return readXesStream(gz ? source.pipe(createGunzip()) : source, options);
}

async function readHead(path: string): Promise<Buffer> {
  const { open } = await import('node:fs/promises');
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    await fh.read(buf, 0, 2, 0);
    return buf;
  } finally {
    await fh.close();
  }
}

/** Reads XES text from a stream of (utf-8) chunks; only the attributes the model needs are kept. */
export async function readXesStream(stream: Readable, options: ReadXesOptions = {}): Promise<EventLog> {
  const lifecycle = options.lifecycle ?? 'auto';
  const activityKey = options.activityKey ?? 'concept:name';
  const builder = createLogBuilder({ sortByTime: true, keepAttributes: options.keepAttributes });
  const parser = new SaxesParser({ position: true });
  let depth = 0;
  let traceDepth = -1;
  let eventDepth = -1;
  let sawLog = false;
  let current: RawCase | undefined;
  let event: (RawEvent & { extra: Record<string, string> }) | undefined;
  let caseCount = 0;
  let parseError: LogReadError | undefined;

  parser.on('opentag', (tag) => {
    depth++;
    const name = tag.name;
    if (name === 'log' && depth === 1) sawLog = true;
    else if (name === 'trace' && traceDepth < 0) {
      traceDepth = depth;
      current = { id: '', attributes: {}, events: [] };
    } else if (name === 'event' && current && eventDepth < 0) {
      eventDepth = depth;
      event = { activity: '', timestamp: NaN, extra: {} };
    } else if (ATTRIBUTE_TAGS.has(name)) {
      const key = String(tag.attributes.key ?? '');
      const value = String(tag.attributes.value ?? '');
      if (event && depth === eventDepth + 1) {
        if (key === activityKey) event.activity = value;
        else if (key === 'time:timestamp') event.timestamp = parseTimestamp(value);
        else if (key === 'org:resource') event.resource = value;
        else if (key === 'lifecycle:transition') event.lifecycle = value;
        else if (options.keepAttributes) event.extra[key] = value;
      } else if (current && !event && depth === traceDepth + 1) {
        if (key === 'concept:name') current.id = value;
        else current.attributes[key] = value;
      }
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'event' && event && depth === eventDepth) {
      if (current) {
        const { extra, ...raw } = event;
        current.events.push(options.keepAttributes ? { ...raw, attributes: extra } : raw);
      }
      event = undefined;
      eventDepth = -1;
    } else if (tag.name === 'trace' && current && depth === traceDepth) {
      caseCount++;
      if (current.id === '') current.id = String(caseCount);
      builder.addCase(current);
      current = undefined;
      traceDepth = -1;
    }
    depth--;
  });
  parser.on('error', (err) => {
    parseError ??= new LogReadError('XES_MALFORMED', `XES ${err.message}`, { line: parser.line, column: parser.column });
  });

  try {
    stream.setEncoding?.('utf8');
    for await (const chunk of stream) {
      parser.write(typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8'));
      if (parseError) throw parseError;
    }
    parser.close();
  } catch (err) {
    if (parseError) throw parseError;
    if (err instanceof LogReadError) throw err;
    throw new LogReadError('XES_MALFORMED', `XES could not be read: ${(err as Error).message}`, {
      line: parser.line, column: parser.column,
    });
  }
  if (parseError) throw parseError;
  if (depth !== 0) {
    throw new LogReadError('XES_MALFORMED', `XES ${parser.line}:${parser.column}: file ends inside an open element (truncated?)`, {
      line: parser.line, column: parser.column,
    });
  }
  if (!sawLog) throw new LogReadError('XES_MALFORMED', 'XES has no <log> root element');
  const log = builder.build();
  if (log.cases.length === 0) throw new LogReadError('EMPTY_LOG', 'XES log contains no traces');
  return applyLifecycleRule(log, lifecycle, 'XES log');
}
