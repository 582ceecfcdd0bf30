import type { EventLog } from './event-log.js';

/** Serialises an EventLog as XES 1.0 text (complete events, activity as concept:name). Pure. */
export function writeXes(log: EventLog): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
    '  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>',
    '  <extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
    '  <extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>',
    '  <extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>',
  ];
  for (const c of log.cases) out.push(...xesTrace(log, c));
  out.push('</log>', '');
  return out.join('\n');
}

/** Yields XES text chunk by chunk (one trace at a time) so large logs can be streamed to a file or gzip. */
export function* writeXesChunks(log: EventLog): Generator<string> {
  const whole = writeXes({ ...log, cases: [] });
  const closing = '</log>\n';
  yield whole.slice(0, whole.length - closing.length);
  for (const c of log.cases) yield xesTrace(log, c).join('\n') + '\n';
  yield closing;
}

function xesTrace(log: EventLog, c: EventLog['cases'][number]): string[] {
  const out = ['  <trace>', `    <string key="concept:name" value="${esc(c.id)}"/>`];
  for (const [k, v] of Object.entries(c.attributes)) out.push(`    <string key="${esc(k)}" value="${esc(v)}"/>`);
  for (let i = 0; i < c.activities.length; i++) {
    out.push('    <event>', `      <string key="concept:name" value="${esc(log.activities[c.activities[i]])}"/>`);
    if (!Number.isNaN(c.timestamps[i])) out.push(`      <date key="time:timestamp" value="${new Date(c.timestamps[i]).toISOString()}"/>`);
    if (c.resources[i] >= 0) out.push(`      <string key="org:resource" value="${esc(log.resources[c.resources[i]])}"/>`);
    const life = c.lifecycles[i] >= 0 ? log.lifecycles[c.lifecycles[i]] : 'complete';
    out.push(`      <string key="lifecycle:transition" value="${esc(life)}"/>`);
    for (const [k, v] of Object.entries(c.eventAttributes?.[i] ?? {})) out.push(`      <string key="${esc(k)}" value="${esc(v)}"/>`);
    out.push('    </event>');
  }
  out.push('  </trace>');
  return out;
}

/** Serialises an EventLog as CSV with PM4Py's column names (one row per event, ISO UTC timestamps). Pure. */
export function writeCsv(log: EventLog): string {
  const rows = ['case:concept:name,concept:name,time:timestamp,org:resource,lifecycle:transition'];
  for (const c of log.cases) {
    for (let i = 0; i < c.activities.length; i++) {
      const ts = Number.isNaN(c.timestamps[i]) ? '' : new Date(c.timestamps[i]).toISOString();
      const res = c.resources[i] >= 0 ? log.resources[c.resources[i]] : '';
      const life = c.lifecycles[i] >= 0 ? log.lifecycles[c.lifecycles[i]] : '';
      rows.push([c.id, log.activities[c.activities[i]], ts, res, life].map(csvField).join(','));
    }
  }
  return rows.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
