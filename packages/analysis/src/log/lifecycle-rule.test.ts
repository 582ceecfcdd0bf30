import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describeLifecycleRule, isLogReadError, readCsvText, readXesFile, readXesStream } from '../index.js';

const claims = fileURLToPath(new URL('../../test-fixtures/claims.xes', import.meta.url));
const names = (log: Awaited<ReturnType<typeof readXesFile>>, i: number) => Array.from(log.cases[i].activities, (a) => log.activities[a]);

/** A ticket log whose lifecycle values are states, not start/complete (as some service-desk exports are). */
const tickets = `<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0">
  <trace><string key="concept:name" value="T1"/>
    <event><string key="concept:name" value="triage"/><string key="lifecycle:transition" value="Assigned"/><date key="time:timestamp" value="2024-01-01T08:00:00Z"/></event>
    <event><string key="concept:name" value="fix"/><string key="lifecycle:transition" value="In Progress"/><date key="time:timestamp" value="2024-01-01T09:00:00Z"/></event>
    <event><string key="concept:name" value="close"/><string key="lifecycle:transition" value="Closed"/><date key="time:timestamp" value="2024-01-01T10:00:00Z"/></event>
  </trace>
</log>`;

describe('lifecycle rule', () => {
  it('auto keeps every event of a log whose lifecycle values are not start/complete, and says so', async () => {
    const log = await readXesStream(Readable.from([tickets]));
    assert.deepEqual(names(log, 0), ['triage', 'fix', 'close']);
    assert.equal(log.lifecycleRule?.applied, 'all');
    assert.deepEqual(log.lifecycleRule?.values, ['Assigned', 'In Progress', 'Closed']);
    assert.equal(describeLifecycleRule(log.lifecycleRule!),
      'lifecycle: every event (auto: the log does not have both start and complete lifecycle values (lifecycle values Assigned, In Progress, Closed), so every event is kept); 3 of 3 events kept');
  });

  it('auto keeps complete events only when the log has both start and complete values', async () => {
    const log = await readXesFile(claims);
    assert.deepEqual(names(log, 0), ['receive claim', 'assess', 'pay']);
    assert.deepEqual([log.lifecycleRule?.applied, log.lifecycleRule?.reason], ['complete', 'auto: the log has both start and complete lifecycle values']);
    assert.equal(log.lifecycleRule!.eventsKept < log.lifecycleRule!.eventsRead, true);
  });

  it('refuses a log that --lifecycle complete empties with EMPTY_LOG naming the values it found', async () => {
    await assert.rejects(readXesStream(Readable.from([tickets]), { lifecycle: 'complete' }), (err: unknown) => {
      assert.ok(isLogReadError(err));
      assert.equal(err.code, 'EMPTY_LOG');
      assert.match(err.message, /XES log has 3 events but none is kept: --lifecycle complete was asked for \(lifecycle values Assigned, In Progress, Closed\)/);
      return true;
    });
  });

  it('says a log with traces but no events has no events, rather than reporting it empty', async () => {
    const xml = '<log><trace><string key="concept:name" value="a"/></trace></log>';
    await assert.rejects(readXesStream(Readable.from([xml])), /XES log has 1 trace but no events/);
  });

  it('applies the same rule to CSV logs', async () => {
    const csv = 'case:concept:name,concept:name,time:timestamp,lifecycle:transition\nc1,a,2024-01-01T00:00:00Z,start\nc1,a,2024-01-01T01:00:00Z,complete\nc1,b,2024-01-01T02:00:00Z,complete\n';
    const log = await readCsvText(csv);
    assert.deepEqual([log.cases[0].activities.length, log.lifecycleRule?.applied], [2, 'complete']);
    const all = await readCsvText(csv, { lifecycleFilter: 'all' });
    assert.deepEqual([all.cases[0].activities.length, all.lifecycleRule?.reason], [3, '--lifecycle all was asked for (lifecycle values start, complete)']);
  });
});
