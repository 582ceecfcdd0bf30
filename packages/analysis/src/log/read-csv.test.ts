import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readCsvFile, readCsvText, writeCsv, isLogReadError, parseTimestamp } from '../index.js';

const fixture = fileURLToPath(new URL('../../test-fixtures/claims.csv', import.meta.url));
const columns = { case: 'Case', activity: 'Step', timestamp: 'When', resource: 'Who' };

describe('readCsvFile', () => {
  it('reads named columns, sorts events by time within a case and applies the time zone across DST', async () => {
    const log = await readCsvFile(fixture, { ...columns, timeZone: 'Europe/Berlin' });
    assert.equal(log.cases.length, 2);
    const c1 = log.cases[0];
    assert.deepEqual(Array.from(c1.activities, (a) => log.activities[a]), ['receive claim', 'assess', 'pay']);
    assert.deepEqual(Array.from(c1.timestamps, (t) => new Date(t).toISOString()), [
      '2024-03-31T00:30:00.000Z', '2024-03-31T01:30:00.000Z', '2024-03-31T02:00:00.000Z',
    ]);
    assert.equal(log.cases[1].timestamps[0], Date.parse('2024-06-01T06:00:00Z'), 'explicit offsets win over the zone');
    assert.equal(log.resources[c1.resources[2]], 'Cleo');
  });

  it('lists the available columns when a column is missing', async () => {
    await assert.rejects(readCsvFile(fixture, { ...columns, activity: 'Activity' }), (err: unknown) => {
      assert.ok(isLogReadError(err));
      assert.equal(err.code, 'CSV_MISSING_COLUMN');
      assert.match(err.message, /"Activity".*available columns: "Case", "Step", "When", "Who", "Amount"/);
      return true;
    });
  });

  it('names the row of an unparseable timestamp', async () => {
    const text = 'case:concept:name,concept:name,time:timestamp\n1,a,2024-01-01 10:00\n1,b,yesterday\n';
    await assert.rejects(readCsvText(text), { code: 'BAD_TIMESTAMP', row: 3 });
  });

  it('rejects an empty log and an unknown time zone', async () => {
    await assert.rejects(readCsvText('case:concept:name,concept:name,time:timestamp\n'), { code: 'EMPTY_LOG' });
    await assert.rejects(readCsvText(''), { code: 'EMPTY_LOG' });
    await assert.rejects(readCsvText('a,b,c\n', { timeZone: 'Mars/Olympus' }), { code: 'BAD_TIME_ZONE' });
  });

  it('keeps complete (or lifecycle-less) events by default and every event with lifecycleFilter all', async () => {
    const text = [
      'case:concept:name,concept:name,time:timestamp,lifecycle:transition',
      '1,a,2024-01-01T10:00:00Z,start',
      '1,a,2024-01-01T10:05:00Z,complete',
      '1,b,2024-01-01T10:06:00Z,',
    ].join('\n');
    const complete = await readCsvText(text);
    assert.deepEqual(Array.from(complete.cases[0].activities, (a) => complete.activities[a]), ['a', 'b']);
    const all = await readCsvText(text, { lifecycleFilter: 'all' });
    assert.equal(all.cases[0].activities.length, 3);
    assert.equal(all.lifecycles[all.cases[0].lifecycles[0]], 'start');
  });

  it('round-trips through writeCsv', async () => {
    const log = await readCsvFile(fixture, columns);
    const again = await readCsvText(writeCsv(log));
    assert.equal(again.cases.length, 2);
    assert.deepEqual(Array.from(again.cases[0].timestamps), Array.from(log.cases[0].timestamps));
    assert.deepEqual(Array.from(again.cases[1].activities, (a) => again.activities[a]), ['receive claim', 'assess', 'reject']);
  });
});

describe('parseTimestamp', () => {
  it('reads offsets, Z, fractions and naive times in a zone; NaN for garbage', () => {
    assert.equal(parseTimestamp('2010-12-30 14:32:00+01:00'), Date.parse('2010-12-30T13:32:00Z'));
    assert.equal(parseTimestamp('2010-12-30T14:32:00.250Z'), Date.parse('2010-12-30T14:32:00.250Z'));
    assert.equal(parseTimestamp('2024-01-15 12:00', 'America/New_York'), Date.parse('2024-01-15T17:00:00Z'));
    assert.ok(Number.isNaN(parseTimestamp('15/01/2024')));
  });
});
